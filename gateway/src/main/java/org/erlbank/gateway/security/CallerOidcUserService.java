package org.erlbank.gateway.security;

import java.util.LinkedHashMap;
import java.util.List;
import org.erlbank.http.security.Caller;
import org.erlbank.http.security.UnknownCallerException;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The user a browser login makes: the ID token's claims, plus who she is at Erlbank. auth-server puts
 * {@code roles} and {@code customer_id} into the access token only (its {@code ErlbankTokenCustomizer}), so the
 * access token is verified here with the same decoder as an API client's and its claims are kept with the login.
 * A login whose access token does not verify, or names nobody Erlbank serves, fails.
 */
final class CallerOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    /** The access token's claims that say who the user is: what {@link Caller#of} reads. */
    static final List<String> CALLER_CLAIMS = List.of("roles", "customer_id");

    private final OidcUserService idTokenOnly = new OidcUserService();
    private final JwtDecoder decoder;

    CallerOidcUserService(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        // No user-info endpoint is configured: this reads the ID token alone, without asking auth-server.
        var user = idTokenOnly.loadUser(request);
        var accessToken = verified(request.getAccessToken().getTokenValue());
        if (!accessToken.getSubject().equals(user.getSubject())) {
            throw refused("The access token and the ID token name different users");
        }
        var claims = new LinkedHashMap<String, Object>();
        claims.put(IdTokenClaimNames.SUB, user.getSubject());
        for (var name : CALLER_CLAIMS) {
            if (accessToken.hasClaim(name)) {
                claims.put(name, accessToken.getClaims().get(name));
            }
        }
        var login = new DefaultOidcUser(user.getAuthorities(), user.getIdToken(), new OidcUserInfo(claims),
                IdTokenClaimNames.SUB);
        try {
            var caller = GatewayCaller.of(login);
            if (caller instanceof Caller.Service) {
                throw refused("A browser login must be a customer's or a teller's");
            }
        } catch (UnknownCallerException ex) {
            throw refused("The access token names no customer or teller of Erlbank");
        }
        return login;
    }

    private Jwt verified(String accessToken) {
        try {
            return decoder.decode(accessToken);
        } catch (JwtException ex) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                    "The access token from auth-server does not verify", null), ex);
        }
    }

    private static OAuth2AuthenticationException refused(String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
