package org.erlbank.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.erlbank.http.security.ErlbankJwtDecoders;
import org.erlbank.http.security.ErlbankSecurityProperties;
import org.erlbank.testing.security.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtException;

class TokenCheckCostTest {

    @Test
    void timesTheServicesOwnCheckOnAValidTokenWithTheKeysFetchedOnce() {
        try (var issuer = TestIssuer.start()) {
            var decoder = ErlbankJwtDecoders.verifying(ErlbankSecurityProperties.forIssuer(issuer.issuer()));

            var nanos = TokenCheckCost.time(decoder, issuer.teller("teller").sign(), 200);

            assertThat(nanos).hasSize(200).isSorted();
            assertThat(nanos[0]).isPositive();
            assertThat(issuer.jwksRequests()).as("the keys are cached, not fetched per check").isEqualTo(1);
        }
    }

    @Test
    void aTokenTheCheckRefusesIsNoMeasurement() {
        try (var issuer = TestIssuer.start()) {
            var decoder = ErlbankJwtDecoders.verifying(ErlbankSecurityProperties.forIssuer(issuer.issuer()));

            assertThatThrownBy(() -> TokenCheckCost.time(decoder, issuer.teller("teller").signWithUnknownKey(), 10))
                    .isInstanceOf(JwtException.class);
        }
    }

    @Test
    void theLineSaysWhetherTheTargetIsMet() {
        long[] cheap = { 40_000, 50_000, 60_000, 300_000 };
        long[] dear = { 250_000, 260_000, 270_000, 900_000 };

        assertThat(TokenCheckCost.line(cheap)).startsWith("[met]    checking a token").contains("p50 50 us",
                "p99 300 us", "over 4 checks");
        assertThat(TokenCheckCost.line(dear)).startsWith("[MISSED] checking a token").contains("p50 260 us");
    }

    @Test
    void theKeptTokensLineIsNoVerdict() {
        long[] nanos = { 1_000, 1_500, 2_000, 9_000 };

        assertThat(TokenCheckCost.keptLine(nanos)).doesNotContain("[met]", "[MISSED]")
                .contains("the same token again, kept verified", "p50 1.5 us", "p99 9.0 us", "over 4 checks");
    }
}
