package org.erlbank.account.accounts;

/**
 * Account {@code number} cannot transfer to itself.
 */
public final class SameAccountException extends RuntimeException {

    SameAccountException(AccountNumber number) {
        super("Account %s cannot transfer to itself.".formatted(number));
    }
}
