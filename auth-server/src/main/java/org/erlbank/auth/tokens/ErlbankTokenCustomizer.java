package org.erlbank.auth.tokens;

import java.util.ArrayList;
import java.util.List;
import org.erlbank.auth.keys.SigningKeys;
import org.erlbank.auth.logins.Login;
import org.erlbank.auth.logins.Logins;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Every token names the key that signs it ({@code kid}: with more than one key published, the encoder needs it to
 * choose, a resource server to verify). Access tokens are for Erlbank's services ({@code aud: erlbank}); a person's
 * also say what she is ({@code roles}) and, for a customer, which one ({@code customer_id}). A service's token
 * (client credentials) carries its scopes only: its {@code sub} is its client id.
 */
class ErlbankTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

    static final String AUDIENCE = "erlbank";

    private final SigningKeys keys;
    private final Logins logins;

    ErlbankTokenCustomizer(SigningKeys keys, Logins logins) {
        this.keys = keys;
        this.logins = logins;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        context.getJwsHeader().keyId(keys.signingKeyId());
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        var claims = context.getClaims();
        claims.audience(listOf(AUDIENCE));
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            return;
        }
        // Looked up at every token, refreshes too: a login disabled or removed gets no new access token.
        Login login = logins.find(context.getPrincipal().getName())
                .filter(Login::enabled)
                .orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                        "The login is disabled or no longer exists", null)));
        claims.claim("roles", listOf(login.role().claim()));
        login.customer().ifPresent(customerId -> claims.claim("customer_id", customerId.toString()));
    }

    /**
     * A mutable {@link ArrayList}: the token's claims are stored with the authorization as JSON with type
     * information, and read back only for types Spring Security allows, which {@code List.of}'s are not.
     */
    private static List<String> listOf(String value) {
        var list = new ArrayList<String>();
        list.add(value);
        return list;
    }
}
