package org.erlbank.account.accounts;

import java.util.regex.Pattern;

/**
 * An account's number: eight digits, handed out in order.
 */
public record AccountNumber(String value) {

    private static final Pattern FORMAT = Pattern.compile("[0-9]{8}");

    public AccountNumber {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("An account number has eight digits, not '" + value + "'.");
        }
    }

    static AccountNumber of(long number) {
        return new AccountNumber(String.format("%08d", number));
    }

    long asLong() {
        return Long.parseLong(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
