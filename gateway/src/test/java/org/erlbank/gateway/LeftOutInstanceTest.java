package org.erlbank.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.List;
import org.erlbank.testing.HttpTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One refused connection is enough: the instance is left out at once, long before its health check (an hour here)
 * would find it dead, so that not even a write without an {@code Idempotency-Key}, which is never repeated, is lost
 * to it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.loadbalancer.health-check.interval=1h", "erlbank.balancing.unreachable-for=60s" })
class LeftOutInstanceTest {

    static final WireMockServer first = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    static final WireMockServer second = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    static {
        for (var instance : List.of(first, second)) {
            instance.start();
            instance.stubFor(WireMock.get(urlPathEqualTo("/readyz")).willReturn(aResponse().withStatus(200)));
            instance.stubFor(WireMock.get(urlPathEqualTo("/accounts/10000001"))
                    .willReturn(GatewayTest.hal("{\"number\":\"10000001\"}")));
            instance.stubFor(WireMock.post(urlPathEqualTo("/accounts"))
                    .willReturn(GatewayTest.hal("{\"number\":\"10000002\"}").withStatus(201)));
        }
    }

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        GatewayTest.services(registry);
        registry.add("erlbank.balancing.instances.account-service", () -> first.baseUrl() + "," + second.baseUrl());
    }

    @LocalServerPort
    int port;

    @Test
    void anInstanceThatRefusedAConnectionGetsNoFurtherRequests() {
        var http = new HttpTestClient(() -> port).as(() -> GatewayTest.issuer.teller("teller").sign());
        // Both ready at the one health check.
        assertThat(http.get("/accounts/10000001").statusCode()).isEqualTo(200);
        first.stop();

        // Of two reads, the round robin sends one to the dead instance: refused, and answered by the other.
        assertThat(http.get("/accounts/10000001").statusCode()).isEqualTo(200);
        assertThat(http.get("/accounts/10000001").statusCode()).isEqualTo(200);
        second.resetRequests();
        for (int i = 0; i < 4; i++) {
            assertThat(http.post("/accounts", "{\"owner\":\"c-1\"}").statusCode()).isEqualTo(201);
        }
        second.verify(4, postRequestedFor(urlPathEqualTo("/accounts")));
    }
}
