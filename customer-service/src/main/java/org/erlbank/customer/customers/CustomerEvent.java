package org.erlbank.customer.customers;

import java.time.Instant;
import java.util.Optional;

/**
 * Something that happened to a customer, at its position in the customer feed, with the customer as it left it.
 *
 * @param type what happened: {@value CustomerFeed#REGISTERED}, {@value CustomerFeed#RENAMED} or
 *             {@value CustomerFeed#MOVED}
 */
public record CustomerEvent(long position, String type, CustomerId customerId, Instant occurredAt, PersonName name,
        Optional<PostalAddress> postalAddress) {
}
