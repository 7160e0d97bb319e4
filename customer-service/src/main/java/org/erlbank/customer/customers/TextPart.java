package org.erlbank.customer.customers;

import java.util.regex.Pattern;

/**
 * The rules every free-text part of a customer's data follows: trimmed, not blank, not longer than its limit (in
 * characters, not UTF-16 units), free of control characters.
 */
final class TextPart {

    private static final Pattern CONTROL_CHARACTERS = Pattern.compile("\\p{Cntrl}");

    /** White space including Unicode's separators (a no-break space, say), which {@code strip()} leaves. */
    private static final Pattern SURROUNDING_SPACE = Pattern.compile("^[\\s\\p{Z}]+|[\\s\\p{Z}]+$");

    private TextPart() {
    }

    static String checked(String part, String value, int maxLength) {
        var trimmed = value == null ? "" : SURROUNDING_SPACE.matcher(value).replaceAll("");
        if (trimmed.isEmpty()) {
            throw new InvalidPartException(part, "must not be blank");
        }
        if (trimmed.codePointCount(0, trimmed.length()) > maxLength) {
            throw new InvalidPartException(part, "must be at most " + maxLength + " characters long");
        }
        if (CONTROL_CHARACTERS.matcher(trimmed).find()) {
            throw new InvalidPartException(part, "must not contain control characters");
        }
        return trimmed;
    }
}
