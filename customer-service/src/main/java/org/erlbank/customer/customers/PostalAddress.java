package org.erlbank.customer.customers;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a customer receives letters: street (with number), postal code, city, and country as an ISO 3166-1 alpha-2
 * code. Every part is required; the text parts follow the rules of {@link TextPart}.
 *
 * @throws InvalidPartException naming {@code street}, {@code postalCode}, {@code city} or {@code country}
 */
public record PostalAddress(String street, String postalCode, String city, String country) {

    public static final int MAX_STREET_LENGTH = 200;
    public static final int MAX_POSTAL_CODE_LENGTH = 16;
    public static final int MAX_CITY_LENGTH = 100;

    private static final Pattern POSTAL_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]*");
    private static final Set<String> COUNTRIES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);

    public PostalAddress {
        street = TextPart.checked("street", street, MAX_STREET_LENGTH);
        postalCode = TextPart.checked("postalCode", postalCode, MAX_POSTAL_CODE_LENGTH);
        if (!POSTAL_CODE.matcher(postalCode).matches()) {
            throw new InvalidPartException("postalCode", "may contain only letters, digits, spaces and hyphens");
        }
        city = TextPart.checked("city", city, MAX_CITY_LENGTH);
        if (country == null || !COUNTRIES.contains(country)) {
            throw new InvalidPartException("country", "must be an ISO 3166-1 alpha-2 country code in upper case");
        }
    }
}
