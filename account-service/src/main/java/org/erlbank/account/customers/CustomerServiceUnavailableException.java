package org.erlbank.account.customers;

import java.time.Duration;

/**
 * customer-service could not be asked: it did not answer in time, refused the connection, failed, or answered
 * something that is not a customer.
 */
public final class CustomerServiceUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    CustomerServiceUnavailableException(String reason, Duration retryAfter, Throwable cause) {
        super("customer-service is unavailable: " + reason, cause);
        this.retryAfter = retryAfter;
    }

    /** When asking again may succeed. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
