package org.erlbank.account.owners;

/**
 * The feed skipped a position: the replica would miss a change. Nothing of the page is applied.
 */
class FeedGapException extends RuntimeException {

    FeedGapException(long expected, long found) {
        super("the customer feed skipped from position " + (expected - 1) + " to " + found
                + ": nothing applied, the replica stays at " + (expected - 1));
    }
}
