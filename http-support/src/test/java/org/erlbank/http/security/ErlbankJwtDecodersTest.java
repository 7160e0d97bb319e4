package org.erlbank.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.erlbank.http.security.ErlbankJwtDecoders.JwksPolicy;
import org.erlbank.testing.security.Forgery;
import org.erlbank.testing.security.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class ErlbankJwtDecodersTest {

    /** Shared by the tests that do not count its key requests: every RSA key pair costs time. */
    private static TestIssuer shared;
    private static JwtDecoder sharedDecoder;

    @BeforeAll
    static void startIssuer() {
        shared = TestIssuer.start();
        sharedDecoder = ErlbankJwtDecoders.of(ErlbankSecurityProperties.forIssuer(shared.issuer()));
    }

    @AfterAll
    static void stopIssuer() {
        shared.stop();
    }

    @Test
    void acceptsACustomersTokenAndKeepsItsClaims() {
        var customerId = UUID.randomUUID();

        var jwt = sharedDecoder.decode(shared.customer(customerId).sign());

        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("customer");
        assertThat(jwt.getClaimAsString("customer_id")).isEqualTo(customerId.toString());
        assertThat(jwt.getAudience()).containsExactly("erlbank");
        assertThat(jwt.getIssuer()).hasToString(shared.issuer());
        assertThat(Caller.of(jwt)).isEqualTo(new Caller.Customer(customerId));
    }

    @Test
    void acceptsATellersToken() {
        var jwt = sharedDecoder.decode(shared.teller("konrad").sign());

        assertThat(jwt.getSubject()).isEqualTo("konrad");
        assertThat(Caller.of(jwt)).isEqualTo(new Caller.Teller());
    }

    @Test
    void acceptsAServicesClientCredentialsToken() {
        var jwt = sharedDecoder.decode(shared.service("account-service", "customers.read", "customers.feed").sign());

        assertThat(jwt.hasClaim("roles")).isFalse();
        assertThat(Caller.of(jwt)).isEqualTo(
                new Caller.Service("account-service", Set.of("customers.read", "customers.feed")));
    }

    @Test
    void acceptsATokenExpiredWithinTheClockSkew() {
        var now = Instant.now();
        var token = shared.customer(UUID.randomUUID()).claim("iat", now.minusSeconds(60))
                .notBefore(now.minusSeconds(60)).expiresAt(now.minusSeconds(2)).sign();

        assertThatNoException().isThrownBy(() -> sharedDecoder.decode(token));
    }

    @Test
    void refusesATokenExpiredBeyondTheClockSkew() {
        var now = Instant.now();
        var token = shared.customer(UUID.randomUUID()).claim("iat", now.minusSeconds(60))
                .notBefore(now.minusSeconds(60)).expiresAt(now.minusSeconds(8)).sign();

        assertThatThrownBy(() -> sharedDecoder.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
    }

    @ParameterizedTest
    @EnumSource(Forgery.class)
    void refusesEveryForgery(Forgery forgery) {
        var token = shared.forge(forgery);

        assertThatThrownBy(() -> sharedDecoder.decode(token))
                .as(forgery.name())
                .isInstanceOf(BadJwtException.class);
    }

    @Test
    void refusesAForgeryThatTheSameSettingsWithoutOurValidatorsWouldNot() {
        // The matrix above is only as good as its tokens are otherwise valid: each differs from an accepted token
        // by its flaw alone. Spring Security's defaults accept a token without exp; ours do not.
        var token = shared.forge(Forgery.NO_EXPIRY);
        var defaults = NimbusJwtDecoder.withJwkSetUri(shared.jwkSetUri().toString()).build();

        assertThatNoException().isThrownBy(() -> defaults.decode(token));
        assertThatThrownBy(() -> sharedDecoder.decode(token)).isInstanceOf(BadJwtException.class)
                .hasMessageContaining("exp");
    }

    @Test
    void fetchesTheKeysOnceForAHundredTokens() {
        try (var issuer = TestIssuer.start()) {
            var decoder = decoderFor(issuer);

            for (int i = 0; i < 100; i++) {
                decoder.decode(issuer.customer(UUID.randomUUID()).sign());
            }

            assertThat(issuer.jwksRequests()).isEqualTo(1);
        }
    }

    @Test
    void fetchesTheKeysAgainWhenANewKeyIdAppears() {
        try (var issuer = TestIssuer.start()) {
            var decoder = decoderFor(issuer);
            var before = issuer.customer(UUID.randomUUID()).sign();
            decoder.decode(before);

            issuer.rotateKey();
            var after = issuer.teller("emmy").sign();

            assertThat(decoder.decode(after).getSubject()).isEqualTo("emmy");
            assertThat(decoder.decode(before).getClaimAsString("customer_id")).isNotNull();
            assertThat(issuer.jwksRequests()).isEqualTo(2);
        }
    }

    @Test
    void madeUpKeyIdsFetchTheKeysAtMostOnceMoreWithinTheRateLimit() {
        try (var issuer = TestIssuer.start()) {
            var decoder = decoderFor(issuer);
            decoder.decode(issuer.customer(UUID.randomUUID()).sign());

            for (int i = 0; i < 20; i++) {
                var forged = issuer.forge(Forgery.UNKNOWN_KID);
                // BadJwtException (401), not the JwtException (500) Nimbus's RateLimitReachedException would become.
                assertThatThrownBy(() -> decoder.decode(forged)).as("forgery %d", i)
                        .isInstanceOf(BadJwtException.class);
            }

            assertThat(issuer.jwksRequests()).isEqualTo(2);
            assertThatNoException().isThrownBy(() -> decoder.decode(issuer.teller("alan").sign()));
        }
    }

    @Test
    void keepsVerifyingWithCachedKeysWhenTheIssuerStops() {
        var issuer = TestIssuer.start();
        var decoder = decoderFor(issuer);
        var customerId = UUID.randomUUID();
        decoder.decode(issuer.customer(customerId).sign());
        var later = issuer.customer(customerId).sign();

        issuer.stop();

        assertThat(Caller.of(decoder.decode(later))).isEqualTo(new Caller.Customer(customerId));
    }

    @Test
    void keepsVerifyingWithTheLastKeysWhenTheIssuerFailsAfterTheCacheExpired() {
        var shortCache = new JwksPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 50 * 1024,
                Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(50),
                Duration.ofHours(1));
        try (var issuer = TestIssuer.start()) {
            // The key cache's behaviour: without the verified-token cache, which would not ask for the keys again.
            var decoder = ErlbankJwtDecoders.verifying(ErlbankSecurityProperties.forIssuer(issuer.issuer()),
                    shortCache);
            var token = issuer.customer(UUID.randomUUID()).sign();
            decoder.decode(token);

            issuer.failing(true);

            // Every decode must succeed while the cache expires and the refresh hits the failing endpoint.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                decoder.decode(token);
                return issuer.jwksRequests() >= 3;
            });
            assertThatNoException().isThrownBy(() -> decoder.decode(token));
        }
    }

    @Test
    void buildsWithoutTheIssuerAndFetchesTheKeysOnlyForTheFirstToken() {
        try (var issuer = TestIssuer.start()) {
            var decoder = decoderFor(issuer);

            assertThat(issuer.jwksRequests()).isZero();
            decoder.decode(issuer.teller("grace").sign());
            assertThat(issuer.jwksRequests()).isOne();
        }
        var gone = TestIssuer.start();
        gone.stop();

        var decoder = decoderFor(gone);

        assertThatThrownBy(() -> decoder.decode(gone.teller("grace").sign()))
                .isInstanceOf(JwtException.class)
                .isNotInstanceOf(BadJwtException.class);
    }

    private static JwtDecoder decoderFor(TestIssuer issuer) {
        return ErlbankJwtDecoders.of(ErlbankSecurityProperties.forIssuer(issuer.issuer()));
    }
}
