package org.erlbank.account.architecture.cyclic.payments;

import org.erlbank.account.architecture.cyclic.orders.Order;

/** Pays for an order, whose feature knows payments: a cycle between two features. */
public record Payment(Order order) {
}
