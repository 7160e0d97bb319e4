package org.erlbank.account.accounts;

/**
 * There is no account {@code number} to transfer to.
 */
public final class ReceiverAccountNotFoundException extends RuntimeException {

    ReceiverAccountNotFoundException(AccountNumber number) {
        super("There is no account %s to transfer to.".formatted(number));
    }
}
