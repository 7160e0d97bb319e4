package org.erlbank.account.architecture.cyclic.orders;

import org.erlbank.account.architecture.cyclic.payments.Payment;

/** Knows its payment, whose feature knows orders: a cycle between two features. */
public record Order(Payment payment) {
}
