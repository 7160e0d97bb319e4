package org.erlbank.customer.customers;

/**
 * No customer has the id that was asked for; or none the caller may see has it, which she is told the same way.
 */
public final class CustomerNotFoundException extends RuntimeException {

    private final CustomerId id;

    public CustomerNotFoundException(CustomerId id) {
        super("There is no customer " + id + ".");
        this.id = id;
    }

    public CustomerId id() {
        return id;
    }
}
