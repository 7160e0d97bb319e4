package org.erlbank.account.customers;

/**
 * customer-service does not know the customer an account is, or was to be, owned by.
 */
public final class OwnerNotFoundException extends RuntimeException {

    public OwnerNotFoundException(CustomerId owner) {
        super("customer-service knows no customer " + owner + ".");
    }
}
