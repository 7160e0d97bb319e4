package org.erlbank.gateway.architecture.cyclic.orders;

import org.erlbank.gateway.architecture.cyclic.payments.Payment;

/** Knows its payment, whose feature knows orders: a cycle between two features. */
public record Order(Payment payment) {
}
