package org.erlbank.customer.architecture.cyclic.orders;

import org.erlbank.customer.architecture.cyclic.payments.Payment;

/** Knows its payment, whose feature knows orders: a cycle between two features. */
public record Order(Payment payment) {
}
