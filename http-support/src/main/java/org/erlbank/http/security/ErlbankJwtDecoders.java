package org.erlbank.http.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.MalformedURLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The one way an Erlbank service verifies a bearer token: signed with RS256 by a key auth-server publishes, issued
 * by it, for Erlbank, not expired (an {@code exp} is required), and a customer's token names its customer.
 * <p>
 * The keys are fetched when the first token arrives, not at start-up (a service starts without auth-server), then
 * cached for five minutes and refreshed ahead of expiry. A token with a key id the cache does not know (auth-server
 * rotated its key) fetches them again, at most once per 30 seconds: a flood of forged tokens with made-up key ids
 * costs auth-server nothing. When auth-server is down, the keys last fetched keep verifying for a day.
 * <p>
 * A token verified once is kept for as long as the keys are ({@link VerifiedTokenCache}): its next use checks only
 * its lifetime and claims again, not its signature.
 */
public final class ErlbankJwtDecoders {

    private static final String INVALID_TOKEN_URI = "https://datatracker.ietf.org/doc/html/rfc6750#section-3.1";

    private ErlbankJwtDecoders() {
    }

    /** How the published keys are fetched and kept. */
    record JwksPolicy(Duration connectTimeout, Duration readTimeout, int sizeLimitBytes, Duration cacheTimeToLive,
            Duration refreshTimeout, Duration refreshAhead, Duration rateLimit, Duration outageTimeToLive) {

        static final JwksPolicy DEFAULT = new JwksPolicy(Duration.ofSeconds(2), Duration.ofSeconds(2), 50 * 1024,
                Duration.ofMinutes(5), Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofDays(1));
    }

    /** How many verified tokens a service keeps at most ({@link VerifiedTokenCache}). */
    static final long VERIFIED_TOKENS_KEPT = 10_000;

    /**
     * The decoder every service and the gateway use: {@link #verifying} behind a {@link VerifiedTokenCache}, so a
     * token already verified (the same client's next request) is not verified again, only checked for its
     * lifetime and claims.
     */
    public static JwtDecoder of(ErlbankSecurityProperties properties) {
        return of(properties, JwksPolicy.DEFAULT);
    }

    static JwtDecoder of(ErlbankSecurityProperties properties, JwksPolicy policy) {
        return new VerifiedTokenCache(verifying(properties, policy), validator(properties), policy.cacheTimeToLive(),
                VERIFIED_TOKENS_KEPT);
    }

    /** Every check on every token, nothing remembered but the keys: what a token seen for the first time costs. */
    public static NimbusJwtDecoder verifying(ErlbankSecurityProperties properties) {
        return verifying(properties, JwksPolicy.DEFAULT);
    }

    static NimbusJwtDecoder verifying(ErlbankSecurityProperties properties, JwksPolicy policy) {
        Objects.requireNonNull(properties.issuer(), "erlbank.security.issuer");
        var decoder = NimbusJwtDecoder.withJwkSource(jwkSource(properties, policy))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(validator(properties));
        return decoder;
    }

    static JWKSource<SecurityContext> jwkSource(ErlbankSecurityProperties properties, JwksPolicy policy) {
        try {
            var retriever = new DefaultResourceRetriever(millis(policy.connectTimeout()),
                    millis(policy.readTimeout()), policy.sizeLimitBytes());
            JWKSource<SecurityContext> source = JWKSourceBuilder
                    .<SecurityContext>create(properties.jwkSetUriOrDefault().toURL(), retriever)
                    .cache(policy.cacheTimeToLive().toMillis(), policy.refreshTimeout().toMillis())
                    .refreshAheadCache(policy.refreshAhead().toMillis(), false)
                    .rateLimited(policy.rateLimit().toMillis())
                    .outageTolerant(policy.outageTimeToLive().toMillis())
                    .build();
            return new NoKeyWhenRateLimited(source);
        } catch (MalformedURLException ex) {
            throw new IllegalArgumentException("erlbank.security.jwk-set-uri is not a URL: " + ex.getMessage(), ex);
        }
    }

    /**
     * Every check but the signature's (which the key selection makes: RS256, a published key). The timestamps
     * allow {@code clockSkew}; unlike Spring Security's default, a token without {@code exp} is refused, it would
     * be valid forever.
     */
    static OAuth2TokenValidator<Jwt> validator(ErlbankSecurityProperties properties) {
        var timestamps = new JwtTimestampValidator(properties.clockSkew());
        timestamps.setAllowEmptyExpiryClaim(false);
        return new DelegatingOAuth2TokenValidator<>(List.of(
                JwtTypeValidator.jwt(),
                timestamps,
                new JwtIssuerValidator(properties.issuer()),
                new JwtAudienceValidator(properties.audience()),
                ErlbankJwtDecoders::customerNamesCustomer));
    }

    private static OAuth2TokenValidatorResult customerNamesCustomer(Jwt jwt) {
        var customer = ErlbankClaims.roles(jwt).orElse(List.of()).contains(ErlbankClaims.CUSTOMER);
        if (customer && ErlbankClaims.customerId(jwt).isEmpty()) {
            return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                    "A customer's token must carry her customer_id as a UUID", INVALID_TOKEN_URI));
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static int millis(Duration duration) {
        return Math.toIntExact(duration.toMillis());
    }

    /**
     * A key id the cache does not know makes Nimbus fetch the keys again; within the rate limit it throws
     * {@link RateLimitReachedException}, which {@link NimbusJwtDecoder} reports as a plain {@code JwtException}:
     * the resource server would answer a forged token with a 500 (an authentication service failure). No key
     * instead makes it what it is, a token nobody can verify (a {@code BadJwtException}, 401).
     */
    private record NoKeyWhenRateLimited(JWKSource<SecurityContext> delegate) implements JWKSource<SecurityContext> {

        @Override
        public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
            try {
                return delegate.get(selector, context);
            } catch (RateLimitReachedException ex) {
                return List.of();
            }
        }
    }
}
