package org.erlbank.account.customers;

import java.time.Duration;

/**
 * customer-service could not be asked: it did not answer in time, refused the connection, failed, or answered
 * something that is not a customer.
 */
public final class CustomerServiceUnavailableException extends RuntimeException {

    private final Duration retryAfter;
    private final String publicReason;

    /**
     * @param reason       everything known, for the logs
     * @param publicReason why, in words a client may read (no addresses, no internals)
     */
    CustomerServiceUnavailableException(String reason, String publicReason, Duration retryAfter, Throwable cause) {
        super("customer-service is unavailable: " + reason, cause);
        this.publicReason = publicReason;
        this.retryAfter = retryAfter;
    }

    /** Why customer-service could not be asked, in words a client may read. */
    public String publicReason() {
        return publicReason;
    }

    /** When asking again may succeed. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
