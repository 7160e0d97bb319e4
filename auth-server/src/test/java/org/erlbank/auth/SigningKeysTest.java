package org.erlbank.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.erlbank.testing.HttpTestClient.assertProblem;
import static org.erlbank.testing.HttpTestClient.json;

import java.net.http.HttpRequest;
import org.erlbank.testing.HttpTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The signing keys: kept in the database (a token outlives a restart), rotated on the management port.
 */
class SigningKeysTest extends AuthServerTest {

    @Autowired
    RegisteredClientRepository clients;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    JdbcClient jdbc;

    /**
     * Rotation as the README tells it: a new key signs from then on, the old one is still published (its tokens
     * keep validating); retired, it is gone from the JWKS and its tokens no longer validate.
     */
    @Test
    void aNewKeySignsWhileTheOldOneIsStillPublishedUntilItIsRetired() {
        var flows = flows();
        var before = flows.accessToken("alan", "alan-password");
        var oldKid = OAuthFlows.keyIdOf(before);

        var added = management.post("/actuator/signingkeys", "");

        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        var newKid = json(added).path("kid").asString();
        assertThat(newKid).isNotEqualTo(oldKid);
        var after = flows.accessToken("alan", "alan-password");
        assertThat(OAuthFlows.keyIdOf(after)).isEqualTo(newKid);
        assertThat(publishedKids()).contains(oldKid, newKid);
        assertThat(flows.verify(before).getSubject()).as("a token of the old key").isEqualTo("alan");
        assertThat(flows.verify(after).getSubject()).isEqualTo("alan");
        var listed = json(management.get("/actuator/signingkeys"));
        assertThat(listed.path("signingKey").asString()).isEqualTo(newKid);

        var retired = management.send(HttpRequest.newBuilder(management.uri("/actuator/signingkeys/" + oldKid))
                .DELETE());

        assertThat(retired.statusCode()).as(retired.body()).isEqualTo(200);
        assertThat(publishedKids()).contains(newKid).doesNotContain(oldKid);
        assertThatThrownBy(() -> flows.verify(before)).as("a token of the retired key").isInstanceOf(JwtException.class);
        assertThat(flows.verify(after).getSubject()).isEqualTo("alan");
    }

    @Test
    void theLastPublishedKeyCannotBeRetiredNorAKeyNobodyKnows() {
        var unknown = management.send(HttpRequest.newBuilder(management.uri("/actuator/signingkeys/no-such-key"))
                .DELETE());
        assertProblem(unknown, 404, "signing-key-not-found");

        // Every published key but the signing one retired first, so that the signing key is the last.
        var signing = json(management.get("/actuator/signingkeys")).path("signingKey").asString();
        for (var kid : publishedKids()) {
            if (!kid.equals(signing)) {
                management.send(HttpRequest.newBuilder(management.uri("/actuator/signingkeys/" + kid)).DELETE());
            }
        }
        var last = management.send(HttpRequest.newBuilder(management.uri("/actuator/signingkeys/" + signing))
                .DELETE());

        assertProblem(last, 409, "last-signing-key");
        assertThat(publishedKids()).containsExactly(signing);
    }

    /**
     * A second auth-server on the same database, as after a restart: it publishes the keys the first one signed
     * with, so a token issued before validates against it, it signs with the same key, and the gateway's refresh
     * token from before still works (the authorizations are in the database too). A client that was in the database
     * but is no longer configured is gone after the restart, with its authorizations.
     */
    @Test
    void aTokenIssuedBeforeARestartValidatesAfterItAndAClientNoLongerConfiguredIsGone() {
        clients.save(RegisteredClient.withId(java.util.UUID.randomUUID().toString()).clientId("retired-client")
                .clientSecret(passwordEncoder.encode("retired-secret"))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).scope("customers.read").build());
        var retiredClientsToken = flows().token(java.util.Map.of("grant_type", "client_credentials",
                "scope", "customers.read"), "retired-client:retired-secret");
        assertThat(retiredClientsToken.statusCode()).as("configured or not, it is in the database").isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM oauth2_authorization WHERE principal_name = 'retired-client'")
                .query(Long.class).single()).as("its authorization").isPositive();
        var token = flows().accessToken("barbara", "barbara-password");
        var gateway = OAuthFlows.GATEWAY + ":" + OAuthFlows.GATEWAY_SECRET;
        var browser = flows().browser();
        assertThat(browser.logIn("barbara", "barbara-password")).isTrue();
        var verifier = OAuthFlows.codeVerifier();
        var code = browser.authorize(OAuthFlows.GATEWAY, OAuthFlows.GATEWAY_REDIRECT, "openid erlbank", verifier)
                .orElseThrow();
        var refreshToken = json(flows().token(java.util.Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", OAuthFlows.GATEWAY_REDIRECT, "code_verifier", verifier), gateway))
                .path("refresh_token").asString();

        try (var restarted = new SpringApplicationBuilder(AuthServerApplication.class).run("--server.port=0",
                "--management.server.port=0", "--erlbank.data-dir=" + DATA_DIR,
                "--spring.security.oauth2.authorizationserver.issuer=" + ISSUER)) {
            int restartedPort = ((WebServerApplicationContext) restarted).getWebServer().getPort();
            var again = new OAuthFlows(restartedPort, ISSUER);

            assertThat(again.verify(token).getSubject()).isEqualTo("barbara");
            assertThat(OAuthFlows.keyIdOf(again.accessToken("barbara", "barbara-password")))
                    .isEqualTo(OAuthFlows.keyIdOf(token));
            var refreshed = again.token(java.util.Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
                    gateway);
            assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
            assertThat(again.verify(json(refreshed).path("access_token").asString()).getSubject()).isEqualTo("barbara");

            assertThat(restarted.getBean(RegisteredClientRepository.class).findByClientId("retired-client")).isNull();
            assertThat(again.token(java.util.Map.of("grant_type", "client_credentials", "scope", "customers.read"),
                    "retired-client:retired-secret").statusCode()).isEqualTo(401);
            assertThat(restarted.getBean(JdbcClient.class).sql("SELECT count(*) FROM oauth2_authorization"
                    + " WHERE principal_name = 'retired-client'").query(Long.class).single()).isZero();
        }
    }

    private java.util.List<String> publishedKids() {
        return json(new HttpTestClient(() -> port).get("/oauth2/jwks")).path("keys").findValuesAsString("kid");
    }
}
