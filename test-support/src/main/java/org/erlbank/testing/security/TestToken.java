package org.erlbank.testing.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A token of a {@link TestIssuer} being written: its claims, then {@link #sign()} for the real thing or
 * {@link #forge(Forgery)} for one a resource server must refuse.
 */
public final class TestToken {

    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final TestIssuer issuer;
    private final Map<String, Object> claims = new LinkedHashMap<>();

    TestToken(TestIssuer issuer, String subject) {
        this.issuer = issuer;
        var now = Instant.now();
        claims.put("iss", issuer.issuer());
        claims.put("sub", subject);
        claims.put("aud", List.of("erlbank"));
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now.plus(LIFETIME));
        claims.put("jti", UUID.randomUUID().toString());
    }

    /** Sets a claim ({@link Instant}s become NumericDates); {@code null} removes it. */
    public TestToken claim(String name, Object value) {
        if (value == null) {
            claims.remove(name);
        } else {
            claims.put(name, value);
        }
        return this;
    }

    public TestToken without(String name) {
        return claim(name, null);
    }

    public TestToken expiresAt(Instant expiry) {
        return claim("exp", expiry);
    }

    public TestToken notBefore(Instant notBefore) {
        return claim("nbf", notBefore);
    }

    public TestToken issuer(String iss) {
        return claim("iss", iss);
    }

    public TestToken audience(String... audience) {
        return claim("aud", List.of(audience));
    }

    /** Signed by the issuer's current key (RS256, its {@code kid}), as auth-server signs. */
    public String sign() {
        return rs256(issuer.signingKey(), header(issuer.signingKey().getKeyID()).build());
    }

    /** This token, forged as {@code forgery} says. */
    public String forge(Forgery forgery) {
        var now = Instant.now();
        var attacker = issuer.attackerKey();
        return switch (forgery) {
            case EXPIRED -> copy().claim("iat", now.minus(Duration.ofHours(2))).notBefore(now.minus(Duration.ofHours(2)))
                    .expiresAt(now.minus(Duration.ofHours(1))).sign();
            case NOT_YET_VALID -> copy().notBefore(now.plus(Duration.ofHours(1)))
                    .expiresAt(now.plus(Duration.ofHours(2))).sign();
            case NO_EXPIRY -> copy().without("exp").sign();
            case WRONG_ISSUER -> copy().issuer("https://attacker.example").sign();
            case WRONG_AUDIENCE -> copy().audience("erlbank-gateway").sign();
            case WRONG_TYPE -> rs256(issuer.signingKey(), header(issuer.keyId())
                    .type(new JOSEObjectType("logout+jwt")).build());
            case CUSTOMER_WITHOUT_ID -> copy().without("customer_id").sign();
            case CUSTOMER_ID_NOT_A_UUID -> copy().claim("customer_id", "1-1-1-1-1").sign();
            case FOREIGN_KEY_UNDER_REAL_KID -> rs256(attacker, header(issuer.keyId()).build());
            case ALG_NONE -> new PlainJWT(claimsSet()).serialize();
            case HS256_WITH_PUBLIC_KEY -> hs256WithPublicKey();
            case TAMPERED_PAYLOAD -> tampered();
            case EMBEDDED_JWK -> rs256(attacker, header(attacker.getKeyID()).jwk(attacker.toPublicJWK()).build());
            case JKU_HEADER -> rs256(attacker, header(attacker.getKeyID())
                    .jwkURL(URI.create(issuer.issuer() + TestIssuer.ATTACKER_JWKS_PATH)).build());
            case UNKNOWN_KID -> {
                var unknown = TestIssuer.newKey();
                yield rs256(unknown, header(unknown.getKeyID()).build());
            }
        };
    }

    /** Signed by a key of its own under a new {@code kid} nobody publishes. */
    public String signWithUnknownKey() {
        return forge(Forgery.UNKNOWN_KID);
    }

    private TestToken copy() {
        var copy = new TestToken(issuer, null);
        copy.claims.clear();
        copy.claims.putAll(claims);
        return copy;
    }

    private static JWSHeader.Builder header(String keyId) {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId);
    }

    private String rs256(RSAKey key, JWSHeader header) {
        try {
            var jwt = new SignedJWT(header, claimsSet());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key's DER bytes as an HMAC secret: a verifier that let the token choose HS256 would accept it. */
    private String hs256WithPublicKey() {
        try {
            var header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(issuer.keyId()).build();
            var jwt = new SignedJWT(header, claimsSet());
            jwt.sign(new MACSigner(issuer.signingKey().toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A real signature over this token, with another customer's id in the payload it is sent with. */
    private String tampered() {
        var parts = sign().split("\\.");
        var changed = copy().claim("customer_id", UUID.randomUUID().toString()).claimsSet().toString();
        return parts[0] + "." + Base64URL.encode(changed) + "." + parts[2];
    }

    private JWTClaimsSet claimsSet() {
        var builder = new JWTClaimsSet.Builder();
        claims.forEach((name, value) -> builder.claim(name, value instanceof Instant instant ? Date.from(instant) : value));
        return builder.build();
    }
}
