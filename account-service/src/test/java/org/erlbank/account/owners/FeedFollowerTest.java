package org.erlbank.account.owners;

/**
 * The replica on the embedded H2, the default.
 */
class FeedFollowerTest extends FeedFollowerContract {
}
