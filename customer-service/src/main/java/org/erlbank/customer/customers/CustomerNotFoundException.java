package org.erlbank.customer.customers;

/**
 * No customer has the id that was asked for.
 */
public final class CustomerNotFoundException extends RuntimeException {

    private final CustomerId id;

    CustomerNotFoundException(CustomerId id) {
        super("There is no customer " + id + ".");
        this.id = id;
    }

    public CustomerId id() {
        return id;
    }
}
