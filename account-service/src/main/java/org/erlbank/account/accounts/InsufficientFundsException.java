package org.erlbank.account.accounts;

/**
 * A withdrawal would take an account below zero.
 */
public final class InsufficientFundsException extends RuntimeException {

    InsufficientFundsException(AccountNumber account, Money balance, Money amount) {
        super("Account %s holds %s, not enough for %s.".formatted(account, balance, amount));
    }
}
