package org.erlbank.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link AuthServerTokens}, {@link CliLogin} and {@link AuthServerLogins} against a real auth-server (the test run's
 * one process): the tokens the load tests send are the ones {@code ./erlbank token} gets.
 */
@ExtendWith(AuthServerExtension.class)
class AuthServerTokensAgainstAuthServerTest {

    private final AuthServerProcess authServer;

    AuthServerTokensAgainstAuthServerTest(AuthServerProcess authServer) {
        this.authServer = authServer;
    }

    @Test
    void theTellerLogsInWithTheCliClientAndKeepsHerToken() {
        var tokens = new AuthServerTokens(authServer.url());

        var token = tokens.token(AuthServerTokens.TELLER);

        var claims = claimsOf(token);
        assertThat(claims.path("iss").asText()).isEqualTo(authServer.url().toString());
        assertThat(claims.path("sub").asText()).isEqualTo("teller");
        assertThat(audiences(claims)).contains("erlbank");
        assertThat(claims.path("roles").toString()).isEqualTo("[\"teller\"]");
        assertThat(claims.path("scope").toString()).contains("erlbank");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).as("a five-minute token")
                .isEqualTo(300);
        assertThat(tokens.token(AuthServerTokens.TELLER)).as("kept, not got again").isSameAs(token);
    }

    @Test
    void aDemoCustomersTokenNamesHerCustomerId() {
        var claims = claimsOf(new AuthServerTokens(authServer.url()).token("ada"));

        assertThat(claims.path("customer_id").asText()).isEqualTo("c0000000-0000-4000-8000-000000000001");
        assertThat(claims.path("roles").toString()).isEqualTo("[\"customer\"]");
    }

    @Test
    void aWrongPasswordGetsNoToken() {
        var tokens = new AuthServerTokens(authServer.url()).usePassword("grace", "not-grace-s-password");

        assertThatThrownBy(() -> tokens.token("grace")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("auth-server refused to log grace in");
    }

    @Test
    void aCustomerGivenALoginAtTheManagementPortLogsInWithItsRandomPassword() throws Exception {
        var logins = new AuthServerLogins(authServer.management());
        var customerId = UUID.randomUUID().toString();

        var login = logins.addCustomer("bank-test-1", customerId);
        var tokens = new AuthServerTokens(authServer.url()).usePassword(login.username(), login.password());

        assertThat(login.password()).hasSizeGreaterThanOrEqualTo(16).doesNotContain("bank-test-1");
        assertThat(login.toString()).doesNotContain(login.password());
        var claims = claimsOf(tokens.token("bank-test-1"));
        assertThat(claims.path("customer_id").asText()).isEqualTo(customerId);
        assertThat(claims.path("roles").toString()).isEqualTo("[\"customer\"]");
        assertThatThrownBy(() -> logins.addCustomer("bank-test-1", UUID.randomUUID().toString()))
                .isInstanceOf(IOException.class).hasMessageContaining("409").hasMessageContaining("login-exists");
    }

    @Test
    void aTokenDueForRenewalIsReplacedByANewOneFromAuthServer() {
        var clock = new MovableClock();
        var tokens = new AuthServerTokens(new CliLogin(authServer.url()), clock, Runnable::run);
        var first = tokens.token("konrad");

        clock.advance(Duration.ofMinutes(4));
        tokens.token("konrad");
        var renewed = tokens.token("konrad");

        assertThat(renewed).isNotEqualTo(first);
        assertThat(claimsOf(renewed).path("sub").asText()).isEqualTo("konrad");
    }

    private static JsonNode claimsOf(String token) {
        return TokenClaims.of(token);
    }

    private static String audiences(JsonNode claims) {
        return claims.path("aud").toString();
    }
}
