package org.erlbank.http.security;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is calling, in the request being served: what a service's rules decide with. */
public final class Callers {

    private Callers() {
    }

    /**
     * The caller of the current request.
     *
     * @throws AuthenticationCredentialsNotFoundException when the request carries no verified token (a path the
     *         filter chain lets through unauthenticated, or no request at all): the rules then ask for one (401)
     */
    public static Caller current() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof CallerAuthentication callerAuthentication) {
            return callerAuthentication.caller();
        }
        throw new AuthenticationCredentialsNotFoundException("no bearer token was verified for this request");
    }
}
