package org.erlbank.customer.customers;

import java.util.Objects;
import java.util.UUID;

/**
 * A customer's identity, stable for life and safe to hand to other services.
 */
public record CustomerId(UUID value) {

    public CustomerId {
        Objects.requireNonNull(value, "value");
    }

    static CustomerId random() {
        return new CustomerId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
