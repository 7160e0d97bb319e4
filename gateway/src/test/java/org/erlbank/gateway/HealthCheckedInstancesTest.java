package org.erlbank.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.erlbank.testing.HttpTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two instances of customer-service behind the gateway, health-checked every second on their readiness
 * ({@code /readyz}, as Boot serves it on a service's API port): one that reports itself not ready gets no more
 * requests within seconds, and gets them again once it is ready.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthCheckedInstancesTest {

    static final WireMockServer first = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    static final WireMockServer second = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    static {
        for (var instance : List.of(first, second)) {
            instance.start();
            ready(instance, true);
            instance.stubFor(WireMock.get(urlPathEqualTo("/customers")).willReturn(GatewayTest.hal("{\"page\":{}}")));
        }
    }

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        GatewayTest.services(registry);
        registry.add("erlbank.balancing.instances.customer-service", () -> first.baseUrl() + "," + second.baseUrl());
    }

    @LocalServerPort
    int port;

    @Test
    void anInstanceThatIsNotReadyLeavesTheRotationAndComesBackWhenItIs() {
        var http = new HttpTestClient(() -> port).as(() -> GatewayTest.issuer.teller("teller").sign());
        awaitThat("both instances get requests", () -> {
            assertThat(http.get("/customers").statusCode()).isEqualTo(200);
            return served(first) > 0 && served(second) > 0;
        });

        ready(first, false);
        awaitThat("only the ready instance gets requests", () -> {
            int before = served(first);
            for (int i = 0; i < 6; i++) {
                assertThat(http.get("/customers").statusCode()).isEqualTo(200);
            }
            return served(first) == before;
        });

        ready(first, true);
        awaitThat("the instance that is ready again gets requests", () -> {
            int before = served(first);
            assertThat(http.get("/customers").statusCode()).isEqualTo(200);
            assertThat(http.get("/customers").statusCode()).isEqualTo(200);
            return served(first) > before;
        });
    }

    private static void ready(WireMockServer instance, boolean ready) {
        instance.stubFor(WireMock.get(urlPathEqualTo("/readyz")).willReturn(aResponse()
                .withStatus(ready ? 200 : 503).withHeader("Content-Type", "application/json")
                .withBody(ready ? "{\"status\":\"UP\"}" : "{\"status\":\"OUT_OF_SERVICE\"}")));
    }

    private static int served(WireMockServer instance) {
        return instance.countRequestsMatching(getRequestedFor(urlPathEqualTo("/customers")).build()).getCount();
    }

    /** Until the condition holds, for at most 15 s (the health check's interval is 1 s). */
    private static void awaitThat(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(condition::getAsBoolean);
    }
}
