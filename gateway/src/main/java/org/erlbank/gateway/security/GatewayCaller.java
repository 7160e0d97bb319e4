package org.erlbank.gateway.security;

import java.util.Optional;
import org.erlbank.http.security.Caller;
import org.erlbank.http.security.CallerAuthentication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling at the edge: a browser user logged in at the gateway (a session), or an API client with its own
 * bearer token; either way the {@link Caller} the services will see.
 *
 * @param caller  whom the token names
 * @param session whether the caller logged in at the gateway (and so may log out there)
 */
public record GatewayCaller(Caller caller, boolean session) {

    /** The caller of the request being handled, or nothing for an anonymous one. */
    public static Optional<GatewayCaller> current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    static Optional<GatewayCaller> of(Authentication authentication) {
        if (authentication instanceof CallerAuthentication bearer) {
            return Optional.of(new GatewayCaller(bearer.caller(), false));
        }
        if (authentication instanceof OAuth2AuthenticationToken login
                && login.getPrincipal() instanceof OidcUser user) {
            return Optional.of(new GatewayCaller(of(user), true));
        }
        return Optional.empty();
    }

    /**
     * The caller a logged-in user is: her access token's {@code roles} and {@code customer_id}, copied into her
     * login when it was made ({@link CallerOidcUserService}), read by {@link Caller#of} exactly as a bearer token's
     * claims are, so that Erlbank's claims have one reading. The token built here is never sent anywhere.
     */
    static Caller of(OidcUser user) {
        var claims = Jwt.withTokenValue("login-session").header("alg", "none").subject(user.getSubject());
        for (var name : CallerOidcUserService.CALLER_CLAIMS) {
            var value = user.getClaims().get(name);
            if (value != null) {
                claims.claim(name, value);
            }
        }
        return Caller.of(claims.build());
    }
}
