package org.erlbank.testing.architecture.leaky.orders.web;

/** The web adapter's links, which only the web adapter should use. */
public final class OrderLinks {

    private OrderLinks() {
    }

    public static String self(String number) {
        return "/orders/" + number;
    }
}
