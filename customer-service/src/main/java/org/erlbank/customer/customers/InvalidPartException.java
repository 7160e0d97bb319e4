package org.erlbank.customer.customers;

/**
 * A part of a value (a name's surname, an address's city) that breaks one of its rules.
 */
public final class InvalidPartException extends IllegalArgumentException {

    private final String part;
    private final String reason;

    InvalidPartException(String part, String reason) {
        super(part + " " + reason);
        this.part = part;
        this.reason = reason;
    }

    /** The part, by the name its value object gives it ({@code givenName}, {@code postalCode}, ...). */
    public String part() {
        return part;
    }

    public String reason() {
        return reason;
    }
}
