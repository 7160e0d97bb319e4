package org.erlbank.http;

/**
 * A change came without {@code If-Match}: the client has not said which version it means to change.
 */
public final class PreconditionRequiredException extends RuntimeException {

    public PreconditionRequiredException() {
        super("Send the ETag of the version you mean to change in If-Match.");
    }
}
