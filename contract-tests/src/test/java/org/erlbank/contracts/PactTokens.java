package org.erlbank.contracts;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a pact says about the {@code Authorization} header every request to Erlbank carries: that there is a bearer
 * token, never which one. A pact holds an example, shaped like auth-server's tokens (a JWT: header, claims,
 * signature) and signed by nobody; the provider's verification replaces it with a real token for the caller the
 * interaction's provider state names ({@link PactCallers}).
 */
public final class PactTokens {

    public static final String AUTHORIZATION = "Authorization";

    /** Any bearer token: RFC 6750's {@code b64token}, which a JWT is one of. */
    public static final String BEARER = "Bearer [A-Za-z0-9._~+/=-]+";

    private PactTokens() {
    }

    /**
     * An example {@code Authorization} value for the pact file: {@code Bearer} and a JWT with the subject's name, so a
     * reader of the pact sees whose call it is, and a signature that verifies against no key.
     */
    public static String example(String subject) {
        return "Bearer " + part("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"example\"}") + "."
                + part("{\"iss\":\"http://localhost:9000\",\"sub\":\"" + subject + "\",\"aud\":\"erlbank\"}") + "."
                + part("signed-by-nobody");
    }

    private static String part(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
