package org.erlbank.auth.keys;

import com.nimbusds.jose.jwk.RSAKey;
import java.time.Instant;

/**
 * An RSA key pair as stored: published while not retired; the newest published key signs.
 *
 * @param kid the key's id, named in every token's header it signs
 */
record SigningKey(String kid, RSAKey jwk, Instant createdAt, Instant retiredAt) {

    boolean retired() {
        return retiredAt != null;
    }
}
