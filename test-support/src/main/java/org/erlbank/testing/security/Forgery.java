package org.erlbank.testing.security;

/**
 * A token a resource server must refuse, each otherwise a valid customer's token: the attacks on JWT verification
 * that have worked against real libraries, and the mistakes an issuer can make.
 */
public enum Forgery {
    /** {@code exp} an hour ago: beyond any clock skew. */
    EXPIRED,
    /** {@code nbf} an hour ahead. */
    NOT_YET_VALID,
    /** No {@code exp}: a token valid forever. */
    NO_EXPIRY,
    /** Signed by the real key, for another issuer. */
    WRONG_ISSUER,
    /** Signed by the real key, for another audience (an ID token's, say). */
    WRONG_AUDIENCE,
    /** {@code typ: logout+jwt}: another kind of token the issuer signs with the same key. */
    WRONG_TYPE,
    /** {@code roles: [customer]} without {@code customer_id}. */
    CUSTOMER_WITHOUT_ID,
    /** {@code customer_id} that is no UUID. */
    CUSTOMER_ID_NOT_A_UUID,
    /** Signed by an attacker's key under the real key's {@code kid}. */
    FOREIGN_KEY_UNDER_REAL_KID,
    /** {@code alg: none}, no signature. */
    ALG_NONE,
    /** HS256 with the issuer's public key as the HMAC secret: the classic key-confusion attack. */
    HS256_WITH_PUBLIC_KEY,
    /** A real token whose payload was changed after signing (another customer's id). */
    TAMPERED_PAYLOAD,
    /** Signed by an attacker's key that the header carries itself ({@code jwk}). */
    EMBEDDED_JWK,
    /** Signed by an attacker's key that the header points to ({@code jku}), served by the issuer's test server. */
    JKU_HEADER,
    /** Signed by an unknown key under a made-up {@code kid}. */
    UNKNOWN_KID
}
