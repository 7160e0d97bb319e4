package org.erlbank.account.accounts;

/**
 * There is no account {@code number}.
 */
public final class AccountNotFoundException extends RuntimeException {

    AccountNotFoundException(AccountNumber number) {
        super("There is no account %s.".formatted(number));
    }
}
