package org.erlbank.testing.architecture.leaky.orders;

import org.erlbank.testing.architecture.leaky.orders.web.OrderLinks;

/** A domain type that builds its own links: the domain depending on its web adapter. */
public record Order(String number) {

    public String self() {
        return OrderLinks.self(number);
    }
}
