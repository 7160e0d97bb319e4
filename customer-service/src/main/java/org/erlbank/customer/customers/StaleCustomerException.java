package org.erlbank.customer.customers;

/**
 * A change was based on a version of the customer that is no longer the current one.
 */
public final class StaleCustomerException extends RuntimeException {

    StaleCustomerException(CustomerId id, long currentVersion) {
        super("Customer " + id + " has changed since it was read (it is now at version " + currentVersion + ").");
    }
}
