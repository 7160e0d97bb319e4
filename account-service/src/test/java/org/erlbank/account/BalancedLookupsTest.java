package org.erlbank.account;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.List;
import java.util.UUID;
import org.erlbank.testing.HttpTestClient;
import org.erlbank.testing.security.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * account-service's lookups over two instances of customer-service (WireMock): spread over both while both are
 * ready; when one dies, every statement still carries its owner's name, from the other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:balanced-lookups;DB_CLOSE_DELAY=-1")
class BalancedLookupsTest {

    private static final UUID ADA = UUID.fromString("c0000000-0000-4000-8000-000000000001");
    private static final WireMockServer first = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private static final WireMockServer second = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private static final TestIssuer authServer = TestIssuer.start()
            .client("account-service", "account-service-secret", "customers.read", "customers.feed");

    static {
        for (var instance : List.of(first, second)) {
            instance.start();
            instance.stubFor(WireMock.get(urlPathEqualTo("/readyz")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"status\":\"UP\"}")));
            instance.stubFor(WireMock.get(urlPathMatching("/customers/.*")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/hal+json")
                    .withBody("{\"givenName\":\"Ada\",\"surname\":\"Lovelace\"}")));
        }
    }

    @DynamicPropertySource
    static void customerServiceInstances(DynamicPropertyRegistry registry) {
        registry.add("erlbank.customer-service.url", first::baseUrl);
        registry.add("erlbank.balancing.instances.customer-service", () -> first.baseUrl() + "," + second.baseUrl());
        // Off: every statement asks customer-service, none is answered from the replica.
        registry.add("erlbank.replica.enabled", () -> "false");
        registry.add("erlbank.security.issuer", authServer::issuer);
        registry.add("erlbank.security.jwk-set-uri", authServer::jwkSetUri);
        registry.add("spring.security.oauth2.client.provider.auth-server.token-uri", authServer::tokenUri);
    }

    @AfterAll
    static void stopServers() {
        first.stop();
        second.stop();
        authServer.stop();
    }

    @LocalServerPort
    int port;

    @Test
    void lookupsGoToEveryReadyInstanceAndAroundADeadOne() {
        var ada = new HttpTestClient(() -> port).as(() -> authServer.customer(ADA).sign());
        for (int i = 0; i < 4; i++) {
            assertOwnerNamed(ada);
        }
        assertThat(lookups(first)).isPositive();
        assertThat(lookups(second)).isPositive();

        first.stop();
        int before = lookups(second);
        for (int i = 0; i < 6; i++) {
            assertOwnerNamed(ada);
        }
        assertThat(lookups(second) - before).isGreaterThanOrEqualTo(6);
    }

    private static void assertOwnerNamed(HttpTestClient ada) {
        var statement = ada.get("/accounts/10000001/statement");
        assertThat(statement.statusCode()).isEqualTo(200);
        var body = JsonMapper.shared().readTree(statement.body());
        assertThat(body.path("degraded").asBoolean()).as(statement.body()).isFalse();
        assertThat(body.path("ownerName").asString()).isEqualTo("Ada Lovelace");
    }

    private static int lookups(WireMockServer instance) {
        return instance.countRequestsMatching(getRequestedFor(urlPathMatching("/customers/.*")).build()).getCount();
    }
}
