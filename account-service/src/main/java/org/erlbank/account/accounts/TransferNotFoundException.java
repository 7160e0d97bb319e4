package org.erlbank.account.accounts;

import java.util.UUID;

/**
 * There is no transfer {@code id}.
 */
public final class TransferNotFoundException extends RuntimeException {

    TransferNotFoundException(UUID id) {
        super("There is no transfer %s.".formatted(id));
    }
}
