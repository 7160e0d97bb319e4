package org.erlbank.http;

import org.springframework.util.unit.DataSize;

/**
 * A request body grew beyond the configured limit.
 */
public final class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(DataSize limit) {
        super("The request body is larger than " + limit.toBytes() + " bytes.");
    }
}
