package org.erlbank.auth.keys;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;

/**
 * The keys for the JWT encoder (which picks the one the token's header names) and for the JWKS endpoint: every
 * published key, read from the database at each use, so that a rotation counts at once.
 */
class DatabaseJwkSource implements JWKSource<SecurityContext> {

    private final SigningKeys keys;

    DatabaseJwkSource(SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        var published = keys.published();
        if (published.isEmpty()) {
            published = List.of(keys.signingKey());
        }
        return selector.select(new JWKSet(published.stream().<JWK>map(SigningKey::jwk).toList()));
    }
}
