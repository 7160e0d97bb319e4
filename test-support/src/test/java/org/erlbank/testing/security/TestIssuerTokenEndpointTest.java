package org.erlbank.testing.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The stand-in token endpoint answers the client credentials grant as auth-server does, and only that. */
class TestIssuerTokenEndpointTest {

    private final TestIssuer issuer = TestIssuer.start()
            .client("account-service", "secret", "customers.read", "customers.feed");
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        issuer.stop();
    }

    @Test
    void givesARegisteredClientAServiceTokenWithTheScopesItAskedFor() throws Exception {
        var answer = token("account-service:secret", "grant_type=client_credentials&scope=customers.read");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        var json = JsonMapper.builder().build().readTree(answer.body());
        assertThat(json.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(json.path("expires_in").asLong()).isEqualTo(300);
        assertThat(json.path("scope").asString()).isEqualTo("customers.read");
        var claims = SignedJWT.parse(json.path("access_token").asString()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("account-service");
        assertThat(claims.getIssuer()).isEqualTo(issuer.issuer());
        assertThat(claims.getStringListClaim("scope")).isEqualTo(List.of("customers.read"));
        assertThat(claims.getClaim("roles")).isNull();
        assertThat(issuer.tokenRequests()).isEqualTo(1);
    }

    @Test
    void refusesAWrongSecretAScopeTheClientMayNotHaveAndAnotherGrant() throws Exception {
        assertThat(token("account-service:wrong", "grant_type=client_credentials").statusCode()).isEqualTo(401);
        assertThat(token(null, "grant_type=client_credentials").statusCode()).isEqualTo(401);
        assertThat(token("account-service:secret", "grant_type=client_credentials&scope=customers.write")
                .statusCode()).isEqualTo(400);
        assertThat(token("account-service:secret", "grant_type=password").statusCode()).isEqualTo(400);
        assertThat(issuer.tokenRequests()).isEqualTo(4);
    }

    @Test
    void failsAsAnAuthServerInTrouble() throws Exception {
        issuer.failing(true);

        assertThat(token("account-service:secret", "grant_type=client_credentials").statusCode()).isEqualTo(503);
    }

    private HttpResponse<String> token(String basic, String form) throws Exception {
        var request = HttpRequest.newBuilder(issuer.tokenUri())
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(form));
        if (basic != null) {
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }
}
