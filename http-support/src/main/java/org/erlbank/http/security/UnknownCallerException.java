package org.erlbank.http.security;

/**
 * A verified token that names nobody Erlbank serves ({@link Caller#of}). Answered with 403 forbidden when it reaches
 * a controller advice ({@link AccessDeniedProblems}); read while authenticating, it is to become a 401.
 */
public class UnknownCallerException extends RuntimeException {

    public UnknownCallerException(String reason) {
        super("The token names no Erlbank caller: " + reason + ".");
    }
}
