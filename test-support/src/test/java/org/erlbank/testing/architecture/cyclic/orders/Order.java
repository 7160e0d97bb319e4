package org.erlbank.testing.architecture.cyclic.orders;

import org.erlbank.testing.architecture.cyclic.payments.Payment;

/** Knows its payment, whose feature knows orders: a cycle between two features. */
public record Order(Payment payment) {
}
