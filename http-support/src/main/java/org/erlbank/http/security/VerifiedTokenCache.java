package org.erlbank.http.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Objects;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A token verified once is not verified again: a client sends the same token with every request until it expires,
 * and checking its RS256 signature (the JWK turned into a Java key, the token's Base64 decoded, the RSA operation)
 * costs a request more than everything else security does; on a JVM that has just started, before the JIT has
 * compiled that path, far more (measured: a freshly restarted system fell ten seconds behind its load). Envoy's JWT
 * filter keeps such a cache ({@code jwt_cache_config}) for the same reason.
 * <p>
 * What it keeps, and what it still checks:
 * <ul>
 * <li>The key is the whole token, signature included: a token that differs in one character is a different
 * token, verified in full. Only tokens that passed every check are kept; a refused token is checked again each
 * time it comes (a forgery never gets into the cache).</li>
 * <li>The validator (lifetime with its clock skew, issuer, audience, type, the customer's claim) runs again on
 * every use, so a kept token stops working the moment it expires, exactly as an uncached one.</li>
 * <li>An entry lives at most {@code timeToLive} (the time the published keys are cached for), so a token whose key
 * auth-server withdrew is refused at the latest when an uncached check would have refused it; and there are at
 * most {@code maximumSize} entries (least recently used go first), so many callers cost bounded memory.</li>
 * </ul>
 */
final class VerifiedTokenCache implements JwtDecoder {

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    /**
     * @param verifier    the full check: signature, then {@code validator}
     * @param validator   the checks made again on every use of a kept token
     * @param timeToLive  how long a verified token is kept at most
     * @param maximumSize how many verified tokens are kept at most
     */
    VerifiedTokenCache(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, Duration timeToLive,
            long maximumSize) {
        this.verifier = Objects.requireNonNull(verifier);
        this.validator = Objects.requireNonNull(validator);
        // Eviction on the calling thread: a few microseconds now and then, and no pool of its own.
        this.verified = Caffeine.newBuilder().expireAfterWrite(timeToLive).maximumSize(maximumSize)
                .executor(Runnable::run).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        if (token == null) {
            return verifier.decode(null);
        }
        var kept = verified.getIfPresent(token);
        if (kept == null) {
            var jwt = verifier.decode(token);
            verified.put(token, jwt);
            return jwt;
        }
        var result = validator.validate(kept);
        if (result.hasErrors()) {
            verified.invalidate(token);
            var first = result.getErrors().iterator().next();
            throw new JwtValidationException("An error occurred while attempting to decode the Jwt: "
                    + first.getDescription(), result.getErrors());
        }
        return kept;
    }

    /** How many verified tokens are kept now (for tests and the benchmark). */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
