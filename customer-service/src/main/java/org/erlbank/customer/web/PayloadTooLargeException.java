package org.erlbank.customer.web;

import org.springframework.util.unit.DataSize;

/**
 * A request body grew beyond the configured limit.
 */
final class PayloadTooLargeException extends RuntimeException {

    PayloadTooLargeException(DataSize limit) {
        super("The request body is larger than " + limit.toBytes() + " bytes.");
    }
}
