package org.erlbank.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.erlbank.testing.HttpTestClient;
import org.erlbank.testing.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two instances of account-service behind the gateway, one of which dies or hangs: which requests the gateway sends
 * again to the other, and which it must not. The health check runs once at the start here (its interval is an
 * hour), and an instance that refused a connection is left out for no time at all, so that the round robin keeps
 * sending every other request to the dead instance and each rule is seen at work (HealthCheckedInstancesTest covers
 * the health check, UnreachableInstancesTest leaving an instance out).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "erlbank.gateway.read-timeout=1500ms", "spring.cloud.loadbalancer.health-check.interval=1h",
        "erlbank.balancing.unreachable-for=0s" })
class RetryElsewhereTest {

    /** Fixed ports: a stopped instance is started again where the gateway expects it. */
    static final WireMockServer first = new WireMockServer(
            options().port(Ports.freeLoopbackPort()).bindAddress("127.0.0.1"));
    static final WireMockServer second = new WireMockServer(
            options().port(Ports.freeLoopbackPort()).bindAddress("127.0.0.1"));

    static {
        first.start();
        second.start();
        for (var instance : List.of(first, second)) {
            instance.stubFor(WireMock.get(urlPathEqualTo("/readyz")).willReturn(aResponse().withStatus(200)));
        }
    }

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        GatewayTest.services(registry);
        registry.add("erlbank.balancing.instances.account-service", () -> first.baseUrl() + "," + second.baseUrl());
    }

    @LocalServerPort
    int port;

    HttpTestClient http;

    @BeforeEach
    void bothInstancesAnswer() {
        http = new HttpTestClient(() -> port).as(() -> GatewayTest.issuer.teller("teller").sign());
        for (var instance : List.of(first, second)) {
            if (!instance.isRunning()) {
                instance.start();
            }
            instance.resetAll();
            instance.stubFor(WireMock.get(urlPathEqualTo("/readyz")).willReturn(aResponse().withStatus(200)));
            instance.stubFor(WireMock.get(urlPathEqualTo("/accounts/10000001"))
                    .willReturn(GatewayTest.hal("{\"number\":\"10000001\"}")));
            instance.stubFor(WireMock.post(urlPathEqualTo("/accounts"))
                    .willReturn(GatewayTest.hal("{\"number\":\"10000002\"}").withStatus(201)));
        }
        // The first request through the route makes its load balancer, whose one health check finds both ready:
        // made here, while both are.
        assertThat(http.get("/accounts/10000001").statusCode()).isEqualTo(200);
        first.resetRequests();
        second.resetRequests();
    }

    @AfterEach
    void restart() {
        if (!first.isRunning()) {
            first.start();
        }
    }

    @Test
    void spreadsRequestsOverBothInstances() {
        for (int i = 0; i < 4; i++) {
            assertThat(http.get("/accounts/10000001").statusCode()).isEqualTo(200);
        }
        first.verify(2, getRequestedFor(urlPathEqualTo("/accounts/10000001")));
        second.verify(2, getRequestedFor(urlPathEqualTo("/accounts/10000001")));
    }

    @Test
    void aGetThatADeadInstanceRefusesIsAnsweredByTheOther() {
        first.stop();

        var statuses = statuses(6, () -> http.get("/accounts/10000001"));

        // Half of them were sent to the dead instance first.
        assertThat(statuses).containsOnly(200);
        second.verify(6, getRequestedFor(urlPathEqualTo("/accounts/10000001")));
    }

    @Test
    void aWriteWithAnIdempotencyKeyIsSentAgainWithItsBodyAndKey() {
        first.stop();

        var statuses = statuses(4, () -> http.post("/accounts", "{\"owner\":\"c-1\"}", "key-" + System.nanoTime()));

        assertThat(statuses).containsOnly(201);
        second.verify(4, postRequestedFor(urlPathEqualTo("/accounts"))
                .withHeader("Idempotency-Key", WireMock.matching("key-.*"))
                .withRequestBody(equalToJson("{\"owner\":\"c-1\"}")));
    }

    @Test
    void aWriteWithoutAKeyIsNeverSentAgain() {
        first.stop();

        var statuses = statuses(4, () -> http.post("/accounts", "{\"owner\":\"c-1\"}"));

        // Those sent to the dead instance fail, as with one instance (503 if it refused the connection, 502 if a
        // kept-alive connection to it broke off), and none was repeated.
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(2);
        assertThat(statuses).filteredOn(status -> status != 201).hasSize(2).allMatch(status -> status == 502
                || status == 503);
        second.verify(2, postRequestedFor(urlPathEqualTo("/accounts")));
    }

    @Test
    void aRequestThatTimedOutIsNotSentAgain() {
        first.stubFor(WireMock.get(urlPathEqualTo("/accounts/10000003"))
                .willReturn(GatewayTest.hal("{}").withFixedDelay(3_000)));
        second.stubFor(WireMock.get(urlPathEqualTo("/accounts/10000003"))
                .willReturn(GatewayTest.hal("{\"number\":\"10000003\"}")));

        var statuses = statuses(2, () -> http.get("/accounts/10000003"));

        // The slow instance's request times out at the gateway (504) and goes nowhere else.
        assertThat(statuses).containsExactlyInAnyOrder(200, 504);
        first.verify(1, getRequestedFor(urlPathEqualTo("/accounts/10000003")));
        second.verify(1, getRequestedFor(urlPathEqualTo("/accounts/10000003")));
    }

    @Test
    void whenEveryInstanceIsDeadTheClientGetsTheProblemItGotWithOne() {
        first.stop();
        second.stop();
        try {
            var dead = http.get("/accounts/10000001");

            HttpTestClient.assertProblem(dead, 503, "service-unavailable");
            assertThat(HttpTestClient.json(dead).path("detail").asString()).contains("does not accept connections");
        } finally {
            second.start();
        }
    }

    private static List<Integer> statuses(int requests, java.util.function.Supplier<HttpResponse<String>> request) {
        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < requests; i++) {
            statuses.add(request.get().statusCode());
        }
        return statuses;
    }
}
