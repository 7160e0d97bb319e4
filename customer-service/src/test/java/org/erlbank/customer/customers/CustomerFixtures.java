package org.erlbank.customer.customers;

import java.util.UUID;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * Customers as they come out of the database, for tests that do not use one.
 */
public final class CustomerFixtures {

    private CustomerFixtures() {
    }

    public static Customer stored(UUID id, String givenName, String surname, long version) {
        var customer = new Customer(new CustomerId(id), new PersonName(givenName, surname));
        ReflectionTestUtils.setField(customer, "version", version);
        return customer;
    }

    public static Customer stored(UUID id, PersonName name, PostalAddress address, long version) {
        var customer = Customer.register(name, address);
        ReflectionTestUtils.setField(customer, "id", id);
        ReflectionTestUtils.setField(customer, "version", version);
        return customer;
    }

    public static StaleCustomerException stale(UUID id, long currentVersion) {
        return new StaleCustomerException(new CustomerId(id), currentVersion);
    }

    public static CustomerNotFoundException notFound(UUID id) {
        return new CustomerNotFoundException(new CustomerId(id));
    }
}
