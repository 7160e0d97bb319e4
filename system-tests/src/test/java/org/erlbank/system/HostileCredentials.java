package org.erlbank.system;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.erlbank.testing.security.Forgery;
import org.erlbank.testing.security.TestIssuer;

/**
 * The credentials an attacker tries at the gateway and at every service, each of which must be refused with a
 * {@code 401} problem: none, broken ones, a token forged every way {@link Forgery} knows (signed by an attacker's
 * key but naming auth-server as its issuer), and forgeries made from auth-server's real material: its public key as
 * an HS256 secret, a real token with its payload changed (another role, another customer).
 */
final class HostileCredentials {

    private HostileCredentials() {
    }

    /**
     * By name, the {@code Authorization} header to send ({@code null}: none at all).
     *
     * @param realIssuer auth-server's issuer, which the forgeries claim
     * @param realKeys   auth-server's published key set (JSON)
     * @param adaToken   a real token of Ada's, to tamper with
     */
    static Map<String, String> all(TestIssuer attacker, String realIssuer, String realKeys, String adaToken) {
        var credentials = new LinkedHashMap<String, String>();
        credentials.put("no Authorization header", null);
        credentials.put("an empty bearer token", "Bearer ");
        credentials.put("a bearer token that is no JWT", "Bearer not.a.jwt");
        credentials.put("Basic credentials (a login's password)", "Basic "
                + Base64.getEncoder().encodeToString("ada:ada-password".getBytes(StandardCharsets.UTF_8)));
        var ada = UUID.fromString(HostileRequests.ADA);
        for (var forgery : Forgery.values()) {
            credentials.put("forged (" + forgery + ")", "Bearer "
                    + attacker.customer(ada).issuer(realIssuer).forge(forgery));
        }
        credentials.put("a teller's token signed by another key", "Bearer "
                + attacker.teller("teller").issuer(realIssuer).sign());
        credentials.put("HS256 with auth-server's own public key as the secret", "Bearer "
                + hs256WithRealPublicKey(realKeys, adaToken));
        credentials.put("Ada's real token made a teller's", "Bearer "
                + withPayload(adaToken, payload -> payload.replace("\"customer\"", "\"teller\"")));
        credentials.put("Ada's real token naming another customer", "Bearer "
                + withPayload(adaToken, payload -> payload.replace(HostileRequests.ADA,
                        "c0000000-0000-4000-8000-000000000002")));
        return credentials;
    }

    /** Ada's real claims, signed HS256 with auth-server's real public key (its DER bytes) as the HMAC secret. */
    private static String hs256WithRealPublicKey(String realKeys, String adaToken) {
        try {
            var real = SignedJWT.parse(adaToken);
            RSAKey key = JWKSet.parse(realKeys).getKeyByKeyId(real.getHeader().getKeyID()).toRSAKey();
            var secret = key.toRSAPublicKey().getEncoded();
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                    real.getJWTClaimsSet());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The real token with its payload changed and its real signature kept. */
    private static String withPayload(String token, java.util.function.UnaryOperator<String> change) {
        var parts = new ArrayList<>(List.of(token.split("\\.")));
        var payload = new String(Base64.getUrlDecoder().decode(parts.get(1)), StandardCharsets.UTF_8);
        var changed = change.apply(payload);
        if (changed.equals(payload)) {
            throw new IllegalStateException("the change changed nothing in " + payload);
        }
        parts.set(1, Base64.getUrlEncoder().withoutPadding().encodeToString(changed.getBytes(StandardCharsets.UTF_8)));
        return String.join(".", parts);
    }
}
