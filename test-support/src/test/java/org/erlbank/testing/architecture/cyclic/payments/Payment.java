package org.erlbank.testing.architecture.cyclic.payments;

import org.erlbank.testing.architecture.cyclic.orders.Order;

/** Pays for an order, whose feature knows payments: a cycle between two features. */
public record Payment(Order order) {
}
