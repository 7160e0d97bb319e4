package org.erlbank.customer.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostalAddressTest {

    @Test
    void trimsItsTextParts() {
        var address = new PostalAddress(" 12 St James's Square ", " SW1Y 4JH", "London\u00a0", "GB");

        assertThat(address).isEqualTo(new PostalAddress("12 St James's Square", "SW1Y 4JH", "London", "GB"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", "gb", "G", "GBR", "XX", "UK", " GB" })
    void acceptsOnlyIsoAlpha2CountryCodes(String country) {
        assertThatThrownBy(() -> new PostalAddress("Main Street 1", "12345", "Springfield", country))
                .isInstanceOfSatisfying(InvalidPartException.class,
                        e -> assertThat(e.part()).isEqualTo("country"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "-1234", "12_345", "1234;", "☃" })
    void acceptsPostalCodesOfLettersDigitsSpacesAndHyphens(String postalCode) {
        assertThatThrownBy(() -> new PostalAddress("Main Street 1", postalCode, "Springfield", "US"))
                .isInstanceOfSatisfying(InvalidPartException.class,
                        e -> assertThat(e.part()).isEqualTo("postalCode"));
        assertThat(new PostalAddress("Rue de Rivoli 1", "75001", "Paris", "FR").postalCode()).isEqualTo("75001");
        assertThat(new PostalAddress("Gracht 2", "1015 AB", "Amsterdam", "NL").postalCode()).isEqualTo("1015 AB");
    }

    @Test
    void holdsEachTextPartToItsLimit() {
        assertThat(new PostalAddress("s".repeat(200), "1", "c".repeat(100), "DE").street()).hasSize(200);
        assertThatThrownBy(() -> new PostalAddress("s".repeat(201), "1", "c", "DE"))
                .hasMessage("street must be at most 200 characters long");
        assertThatThrownBy(() -> new PostalAddress("s", "1".repeat(17), "c", "DE"))
                .hasMessage("postalCode must be at most 16 characters long");
        assertThatThrownBy(() -> new PostalAddress("s", "1", "c".repeat(101), "DE"))
                .hasMessage("city must be at most 100 characters long");
    }

    @Test
    void rejectsBlankPartsAndControlCharacters() {
        assertThatThrownBy(() -> new PostalAddress(" ", "1", "c", "DE")).hasMessage("street must not be blank");
        assertThatThrownBy(() -> new PostalAddress("s", "1", "Ber\nlin", "DE"))
                .hasMessage("city must not contain control characters");
    }
}
