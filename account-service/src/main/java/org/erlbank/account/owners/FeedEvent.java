package org.erlbank.account.owners;

import java.util.UUID;

/**
 * What account-service reads of an event of the customer feed: its position, and the owner's name as the change
 * left it (every event carries it; the type does not matter for a replica of names).
 */
record FeedEvent(long position, UUID customerId, String givenName, String familyName) {
}
