package org.erlbank.customer.customers;

import java.util.regex.Pattern;

/**
 * A person's name: a given name and a surname, each trimmed, neither blank, neither longer than
 * {@value #MAX_LENGTH} characters, and free of control characters.
 */
public record PersonName(String givenName, String surname) {

    public static final int MAX_LENGTH = 100;

    private static final Pattern CONTROL_CHARACTERS = Pattern.compile("\\p{Cntrl}");

    /** White space including Unicode's separators (a no-break space, say), which {@code strip()} leaves. */
    private static final Pattern SURROUNDING_SPACE = Pattern.compile("^[\\s\\p{Z}]+|[\\s\\p{Z}]+$");

    public PersonName {
        givenName = checked("givenName", givenName);
        surname = checked("surname", surname);
    }

    private static String checked(String part, String value) {
        var trimmed = value == null ? "" : SURROUNDING_SPACE.matcher(value).replaceAll("");
        if (trimmed.isEmpty()) {
            throw new InvalidNameException(part, "must not be blank");
        }
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
            throw new InvalidNameException(part, "must be at most " + MAX_LENGTH + " characters long");
        }
        if (CONTROL_CHARACTERS.matcher(trimmed).find()) {
            throw new InvalidNameException(part, "must not contain control characters");
        }
        return trimmed;
    }

    /**
     * A name part that breaks one of the rules above.
     */
    public static final class InvalidNameException extends IllegalArgumentException {

        private final String part;

        InvalidNameException(String part, String reason) {
            super(part + " " + reason);
            this.part = part;
        }

        public String part() {
            return part;
        }

        public String reason() {
            return getMessage().substring(part.length() + 1);
        }
    }
}
