package org.erlbank.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.erlbank.auth.OAuthFlows.json;

import java.time.Duration;
import java.util.Map;
import org.erlbank.testing.HttpTestClient;
import org.junit.jupiter.api.Test;

/**
 * The flows Erlbank's clients run, end to end over HTTP, and what their tokens say.
 */
class TokenFlowsTest extends AuthServerTest {

    private static final String ADA_ID = "c0000000-0000-4000-8000-000000000001";

    @Test
    void publishesItsDiscoveryDocumentAndItsKeys() {
        var http = new HttpTestClient(() -> port);

        var discovery = json(http.get("/.well-known/openid-configuration"));
        var jwks = json(http.get("/oauth2/jwks"));

        assertThat(discovery.path("issuer").asString()).isEqualTo(ISSUER);
        assertThat(discovery.path("token_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/token");
        assertThat(discovery.path("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
        assertThat(discovery.path("code_challenge_methods_supported").values()).extracting(node -> node.asString())
                .contains("S256");
        assertThat(jwks.path("keys").isEmpty()).isFalse();
        assertThat(jwks.path("keys")).allSatisfy(key -> {
            assertThat(key.path("kty").asString()).isEqualTo("RSA");
            assertThat(key.has("d")).as("no private part published").isFalse();
        });
    }

    @Test
    void aCustomersTokenFromTheCodeFlowWithPkceNamesHerCustomerIdAndRole() {
        var flows = flows();

        var token = flows.accessToken("ada", "ada-password");

        var jwt = flows.verify(token);
        assertThat(jwt.getIssuer()).hasToString(ISSUER);
        assertThat(jwt.getAudience()).containsExactly("erlbank");
        assertThat(jwt.getSubject()).isEqualTo("ada");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("customer");
        assertThat(jwt.getClaimAsString("customer_id")).isEqualTo(ADA_ID);
        assertThat(jwt.getClaimAsStringList("scope")).containsExactly("erlbank");
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(5));
        assertThat(OAuthFlows.keyIdOf(token)).as("the signing key's id in the header").isNotBlank();
    }

    @Test
    void aTellersTokenHasTheTellerRoleAndNoCustomerId() {
        var flows = flows();

        var jwt = flows.verify(flows.accessToken("teller", "teller-password"));

        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("teller");
        assertThat(jwt.hasClaim("customer_id")).isFalse();
    }

    /** PKCE for every client, the confidential gateway's too: an authorization request without a challenge gets no code. */
    @Test
    void noClientGetsACodeWithoutAPkceChallenge() {
        var browser = flows().browser();
        assertThat(browser.logIn("konrad", "konrad-password")).isTrue();

        assertThat(browser.authorize(OAuthFlows.CLI, OAuthFlows.CLI_REDIRECT, "erlbank", null)).isEmpty();
        assertThat(browser.authorize(OAuthFlows.GATEWAY, OAuthFlows.GATEWAY_REDIRECT, "openid", null)).isEmpty();
        // The same browser, with a challenge: the refusal was PKCE's, not the session's.
        assertThat(browser.authorize(OAuthFlows.CLI, OAuthFlows.CLI_REDIRECT, "erlbank", OAuthFlows.codeVerifier()))
                .isPresent();
    }

    @Test
    void aCodeIsExchangedOnlyWithTheVerifierItsChallengeWasMadeFrom() {
        var flows = flows();
        var browser = flows.browser();
        assertThat(browser.logIn("grace", "grace-password")).isTrue();
        var verifier = OAuthFlows.codeVerifier();
        var code = browser.authorize(OAuthFlows.CLI, OAuthFlows.CLI_REDIRECT, "erlbank", verifier).orElseThrow();

        var wrongVerifier = flows.token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", OAuthFlows.CLI_REDIRECT, "client_id", OAuthFlows.CLI,
                "code_verifier", OAuthFlows.codeVerifier()), null);

        assertThat(wrongVerifier.statusCode()).isEqualTo(400);
        assertThat(json(wrongVerifier).path("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void aBrowserThatHasNotLoggedInIsSentToTheLoginForm() {
        var browser = flows().browser();

        var answer = browser.get("/oauth2/authorize?response_type=code&client_id=erlbank-cli"
                + "&redirect_uri=http://127.0.0.1/erlbank-cli/callback&scope=erlbank"
                + "&code_challenge=" + OAuthFlows.challengeOf(OAuthFlows.codeVerifier()) + "&code_challenge_method=S256");

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login"));
    }

    /**
     * The gateway, a confidential client, keeps a person logged in with refresh tokens: each refresh answers a new
     * access token and a new refresh token, and the one it used is spent.
     */
    @Test
    void theGatewaysRefreshTokenIsRotatedAtEveryUse() {
        var flows = flows();
        var gateway = OAuthFlows.GATEWAY + ":" + OAuthFlows.GATEWAY_SECRET;
        var browser = flows.browser();
        assertThat(browser.logIn("konrad", "konrad-password")).isTrue();
        var verifier = OAuthFlows.codeVerifier();
        var code = browser.authorize(OAuthFlows.GATEWAY, OAuthFlows.GATEWAY_REDIRECT, "openid erlbank", verifier)
                .orElseThrow();
        var first = flows.token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", OAuthFlows.GATEWAY_REDIRECT, "code_verifier", verifier), gateway);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        var firstRefresh = json(first).path("refresh_token").asString();
        assertThat(firstRefresh).isNotBlank();
        assertThat(json(first).path("id_token").asString()).isNotBlank();

        var refreshed = flows.token(Map.of("grant_type", "refresh_token", "refresh_token", firstRefresh), gateway);

        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        var secondRefresh = json(refreshed).path("refresh_token").asString();
        assertThat(secondRefresh).isNotBlank().isNotEqualTo(firstRefresh);
        var access = flows.verify(json(refreshed).path("access_token").asString());
        assertThat(access.getSubject()).isEqualTo("konrad");
        assertThat(access.getClaimAsString("customer_id")).isEqualTo("c0000000-0000-4000-8000-000000000003");
        assertThat(access.getAudience()).containsExactly("erlbank");

        var reused = flows.token(Map.of("grant_type", "refresh_token", "refresh_token", firstRefresh), gateway);
        assertThat(reused.statusCode()).as("the spent refresh token").isEqualTo(400);
        assertThat(json(reused).path("error").asString()).isEqualTo("invalid_grant");
        var again = flows.token(Map.of("grant_type", "refresh_token", "refresh_token", secondRefresh), gateway);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    }

    @Test
    void theGatewaysRefreshIsRefusedWithoutItsSecret() {
        var refused = flows().token(Map.of("grant_type", "refresh_token", "refresh_token", "anything"),
                OAuthFlows.GATEWAY + ":not-the-secret");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json(refused).path("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void accountServiceGetsAServiceTokenWithItsScopesAndNoPerson() {
        var flows = flows();

        var answer = flows.token(Map.of("grant_type", "client_credentials", "scope", "customers.read customers.feed"),
                "account-service:account-service-secret");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        var jwt = flows.verify(json(answer).path("access_token").asString());
        assertThat(jwt.getSubject()).isEqualTo("account-service");
        assertThat(jwt.getAudience()).containsExactly("erlbank");
        assertThat(jwt.getClaimAsStringList("scope")).containsExactlyInAnyOrder("customers.read", "customers.feed");
        assertThat(jwt.hasClaim("customer_id")).isFalse();
        assertThat(jwt.hasClaim("roles")).isFalse();
    }

    @Test
    void aServiceGetsNoScopeItWasNotGiven() {
        var answer = flows().token(Map.of("grant_type", "client_credentials", "scope", "customers.write"),
                "account-service:account-service-secret");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(json(answer).path("error").asString()).isEqualTo("invalid_scope");
    }

    @Test
    void theTokenEndpointAllowsTheGatewaysOriginAndNoOther() {
        var http = new HttpTestClient(() -> port);
        // The preflight of Swagger UI's token request, as Chromium sends it.
        var preflight = java.net.http.HttpRequest.newBuilder(http.uri("/oauth2/token"))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-requested-with");

        var gateway = http.send(preflight.copy().header("Origin", "http://localhost:8080"));
        var elsewhere = http.send(preflight.copy().header("Origin", "http://evil.example"));

        assertThat(gateway.statusCode()).isEqualTo(200);
        assertThat(gateway.headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:8080");
        assertThat(gateway.headers().firstValue("Access-Control-Allow-Headers")).get().asString()
                .containsIgnoringCase("content-type").containsIgnoringCase("x-requested-with");
        assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(elsewhere.statusCode()).isEqualTo(403);
    }
}
