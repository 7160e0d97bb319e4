package org.erlbank.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.erlbank.testing.HttpTestClient;
import org.erlbank.testing.Ports;
import org.erlbank.testing.security.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway over real HTTP, with WireMock standing in for both services and for auth-server's token endpoint,
 * and a {@link TestIssuer} for auth-server's keys and tokens. The test classes that extend it share one
 * application context: the same servers, the same settings.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "erlbank.gateway.read-timeout=1500ms")
abstract class GatewayTest {

    // A fixed port, so that the test that stops it can start it again where the route expects it.
    static final WireMockServer customerService =
            new WireMockServer(options().port(Ports.freeLoopbackPort()).bindAddress("127.0.0.1"));
    static final WireMockServer accountService =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    /** auth-server's token endpoint, where the gateway exchanges a login's code for its tokens. */
    static final WireMockServer authServer = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    static final TestIssuer issuer = TestIssuer.start();

    static {
        customerService.start();
        accountService.start();
        authServer.start();
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("erlbank.services.customer-service", customerService::baseUrl);
        registry.add("erlbank.services.customer-service-management", customerService::baseUrl);
        registry.add("erlbank.services.account-service", accountService::baseUrl);
        registry.add("erlbank.services.account-service-management", accountService::baseUrl);
        registry.add("erlbank.security.issuer", issuer::issuer);
        registry.add("erlbank.security.jwk-set-uri", issuer::jwkSetUri);
        registry.add("spring.security.oauth2.client.provider.erlbank.authorization-uri",
                () -> issuer.issuer() + "/oauth2/authorize");
        registry.add("spring.security.oauth2.client.provider.erlbank.token-uri",
                () -> authServer.baseUrl() + "/oauth2/token");
        registry.add("spring.security.oauth2.client.provider.erlbank.jwk-set-uri", issuer::jwkSetUri);
        registry.add("erlbank.gateway.login.end-session-uri", () -> issuer.issuer() + "/connect/logout");
    }

    @LocalServerPort
    int port;

    /** A client that sends what it is told, and no credentials. */
    final HttpTestClient http = new HttpTestClient(() -> port);

    @BeforeEach
    void healthyServices() {
        for (var service : new WireMockServer[] { customerService, accountService }) {
            service.resetAll();
            service.stubFor(WireMock.get(urlPathEqualTo("/actuator/health/readiness")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"status\":\"UP\"}")));
        }
        authServer.resetAll();
        customerService.stubFor(WireMock.get(urlPathEqualTo("/customers")).willReturn(hal("{\"page\":{}}")));
        accountService.stubFor(WireMock.get(urlPathEqualTo("/accounts/10000001")).willReturn(hal("{\"number\":\"10000001\"}")));
    }

    /** A GET as an API client with a teller's token. */
    HttpResponse<String> get(String path) {
        return http.send(asTeller(HttpRequest.newBuilder(http.uri(path))));
    }

    static HttpRequest.Builder asTeller(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + issuer.teller("teller").sign());
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    static ResponseDefinitionBuilder hal(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/hal+json").withBody(body);
    }
}
