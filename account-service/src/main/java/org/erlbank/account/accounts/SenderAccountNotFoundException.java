package org.erlbank.account.accounts;

/**
 * There is no account {@code number} to transfer from.
 */
public final class SenderAccountNotFoundException extends RuntimeException {

    SenderAccountNotFoundException(AccountNumber number) {
        super("There is no account %s to transfer from.".formatted(number));
    }
}
