package org.erlbank.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.erlbank.testing.security.Forgery;
import org.erlbank.testing.security.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.erlbank.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class VerifiedTokenCacheTest {

    private static TestIssuer issuer;
    private static NimbusJwtDecoder verifying;

    private final AtomicInteger verifications = new AtomicInteger();
    /** The full check, counted. */
    private final JwtDecoder counted = token -> {
        verifications.incrementAndGet();
        return verifying.decode(token);
    };

    @BeforeAll
    static void startIssuer() {
        issuer = TestIssuer.start();
        verifying = ErlbankJwtDecoders.verifying(ErlbankSecurityProperties.forIssuer(issuer.issuer()));
    }

    @AfterAll
    static void stopIssuer() {
        issuer.stop();
    }

    private VerifiedTokenCache cache(Duration timeToLive, long maximumSize) {
        return new VerifiedTokenCache(counted,
                ErlbankJwtDecoders.validator(ErlbankSecurityProperties.forIssuer(issuer.issuer())), timeToLive,
                maximumSize);
    }

    @Test
    void aTokenSeenBeforeIsNotVerifiedAgain() {
        var cache = cache(Duration.ofMinutes(5), 100);
        var customerId = UUID.randomUUID();
        var token = issuer.customer(customerId).sign();

        for (int i = 0; i < 100; i++) {
            assertThat(Caller.of(cache.decode(token))).isEqualTo(new Caller.Customer(customerId));
        }

        assertThat(verifications).hasValue(1);
        assertThat(cache.size()).isOne();
    }

    @Test
    void aTokenThatDiffersInOneCharacterIsVerifiedInFullAndRefused() {
        var cache = cache(Duration.ofMinutes(5), 100);
        var token = issuer.teller("konrad").sign();
        cache.decode(token);
        // The signature's first character changed: another token, whose signature does not verify. (Not its last:
        // the last Base64url character of a 256-byte signature carries only 2 bits, so A and B decode alike.)
        int at = token.lastIndexOf('.') + 1;
        var altered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);

        assertThatThrownBy(() -> cache.decode(altered)).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aRefusedTokenIsNeverKeptAndIsCheckedInFullEachTime() {
        var cache = cache(Duration.ofMinutes(5), 100);
        var forged = issuer.forge(Forgery.FOREIGN_KEY_UNDER_REAL_KID);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cache.decode(forged)).isInstanceOf(BadJwtException.class);
        }

        assertThat(verifications).hasValue(3);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aKeptTokenIsRefusedOnceItExpiresAsAnUncachedOneWouldBe() {
        var now = Instant.now();
        var clock = new MutableClock(now);
        var timestamps = new JwtTimestampValidator(Duration.ofSeconds(5));
        timestamps.setClock(clock);
        var validator = new DelegatingOAuth2TokenValidator<Jwt>(timestamps,
                ErlbankJwtDecoders.validator(ErlbankSecurityProperties.forIssuer(issuer.issuer())));
        var cache = new VerifiedTokenCache(counted, validator, Duration.ofMinutes(5), 100);
        var token = issuer.teller("grace").expiresAt(now.plusSeconds(60)).sign();
        cache.decode(token);

        clock.advance(Duration.ofSeconds(64));
        cache.decode(token);
        clock.advance(Duration.ofSeconds(2));

        assertThatThrownBy(() -> cache.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThat(verifications).as("the lifetime was checked on the kept token, not by verifying again")
                .hasValue(1);
        assertThat(cache.size()).as("an expired token is dropped").isZero();
    }

    @Test
    void aTokenIsVerifiedAgainAfterTheTimeToLive() {
        var cache = cache(Duration.ofMillis(200), 100);
        var token = issuer.teller("alan").sign();
        cache.decode(token);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
            cache.decode(token);
            return verifications.get() == 2;
        });
    }

    @Test
    void keepsAtMostItsMaximumSize() {
        var cache = cache(Duration.ofMinutes(5), 3);

        for (int i = 0; i < 10; i++) {
            cache.decode(issuer.customer(UUID.randomUUID()).sign());
        }

        assertThat(cache.size()).isLessThanOrEqualTo(3);
        assertThat(verifications).hasValue(10);
    }

    @Test
    void theServicesDecoderKeepsVerifiedTokens() {
        var decoder = ErlbankJwtDecoders.of(ErlbankSecurityProperties.forIssuer(issuer.issuer()));

        assertThat(decoder).isInstanceOf(VerifiedTokenCache.class);
        var token = issuer.teller("ada").sign();
        decoder.decode(token);
        assertThat(((VerifiedTokenCache) decoder).size()).isOne();
    }
}
