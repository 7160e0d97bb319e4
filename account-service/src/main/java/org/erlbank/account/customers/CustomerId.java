package org.erlbank.account.customers;

import java.net.URI;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A customer's id, as customer-service hands it out.
 */
public record CustomerId(UUID value) {

    private static final Pattern CUSTOMER_PATH = Pattern.compile(".*/customers/([0-9a-fA-F-]{36})/?");

    public CustomerId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * The customer a reference names: the customer's URI (its {@code self} link, wherever it is served from) or
     * its bare id. Only the id is taken from a URI; customer-service is always asked at its configured address.
     *
     * @throws IllegalArgumentException when the reference names no customer
     */
    public static CustomerId fromReference(String reference) {
        var text = reference == null ? "" : reference.strip();
        try {
            return new CustomerId(UUID.fromString(text));
        } catch (IllegalArgumentException notAnId) {
            try {
                var path = URI.create(text).getPath();
                var matcher = CUSTOMER_PATH.matcher(path == null ? "" : path);
                if (matcher.matches()) {
                    return new CustomerId(UUID.fromString(matcher.group(1)));
                }
            } catch (IllegalArgumentException notAUri) {
                // reported below
            }
        }
        throw new IllegalArgumentException("must be a customer's URI (…/customers/{id}) or a customer id");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
