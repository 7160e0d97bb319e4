package org.erlbank.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.erlbank.testing.HttpTestClient.assertProblem;
import static org.erlbank.testing.HttpTestClient.json;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The gateway as a router: what it routes (with a teller's token, as an API client sends it), which forwarded headers
 * the services get (its own, never a client's), the root resource, the pages for people (open to anyone), and
 * problems when a service is down or slow.
 */
class GatewayApplicationTest extends GatewayTest {

    /** A client that asks for plain JSON gets the root resource's HAL, labelled as it asked. */
    @Test
    void theRootAnswersPlainJsonWithItsHal() {
        var hal = http.send(asTeller(HttpRequest.newBuilder(http.uri("/")).header("Accept", "application/hal+json")));
        var plain = http.send(asTeller(HttpRequest.newBuilder(http.uri("/")).header("Accept", "application/json")));

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(json(plain)).isEqualTo(json(hal));
        assertThat(json(plain).path("_links").path("self").path("href").asString()).isEqualTo(base() + "/");
    }

    @Test
    void theRootLinksToEverythingAndEveryLinkPointsAtTheGateway() {
        var root = get("/");

        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/hal+json"));
        var links = json(root).path("_links");
        assertThat(links.path("customers").path("href").asString()).isEqualTo(base() + "/customers{?surname,page,size}");
        assertThat(links.path("customers").path("templated").asBoolean()).isTrue();
        assertThat(links.path("customers").path("deprecation").asString())
                .isEqualTo(base() + "/docs/customer-api-v1-deprecation.html");
        assertThat(links.path("customers-v2").path("href").asString())
                .isEqualTo(base() + "/v2/customers{?familyName,page,size}");
        assertThat(links.path("customers-v2").has("deprecation")).isFalse();
        assertThat(links.path("accounts").path("href").asString()).isEqualTo(base() + "/accounts{?owner,page,size}");
        assertThat(links.propertyNames()).contains("self", "explorer", "service-doc", "service-desc", "status", "help");
        assertThat(links.path("service-desc").findValuesAsString("name"))
                .containsExactlyInAnyOrder("customer-api-v2", "customer-api-v1", "account-api-v1",
                        "customer-feed-api-v1");
        assertThat(links.path("customer-feed").path("href").asString()).isEqualTo(base() + "/customer-feed");
        assertThat(hrefs(json(root))).hasSizeGreaterThanOrEqualTo(13).allSatisfy(href -> assertThat(href).startsWith(base() + "/"));
    }

    /**
     * Each answer names its trace (traceresponse): the caller's when it sent a traceparent, else the one the gateway
     * began, which is the trace the service was handed.
     */
    @Test
    void everyAnswerNamesTheTraceTheServiceWasHanded() {
        var callers = "4bf92f3577b34da6a3ce929d0e0e4736";
        var continued = http.send(asTeller(HttpRequest.newBuilder(http.uri("/accounts/10000001"))
                .header("traceparent", "00-" + callers + "-00f067aa0ba902b7-01")));
        assertThat(continued.statusCode()).isEqualTo(200);
        assertThat(continued.headers().allValues("traceresponse")).singleElement().asString()
                .matches("00-" + callers + "-[0-9a-f]{16}-01").doesNotContain("00f067aa0ba902b7");

        var begun = get("/accounts/10000001");
        var named = begun.headers().firstValue("traceresponse").orElseThrow();
        assertThat(named).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01").doesNotContain(callers);
        var traceId = named.substring(3, 35);
        accountService.verify(getRequestedFor(urlEqualTo("/accounts/10000001"))
                .withHeader("traceparent", WireMock.matching("00-" + traceId + "-[0-9a-f]{16}-01")));
        // A trace the caller did not sample is named too, with its flags (00): nothing of it is recorded.
        var unsampled = http.send(asTeller(HttpRequest.newBuilder(http.uri("/accounts/10000001"))
                .header("traceparent", "00-" + callers + "-00f067aa0ba902b7-00")));
        assertThat(unsampled.headers().firstValue("traceresponse").orElseThrow())
                .matches("00-" + callers + "-[0-9a-f]{16}-00");
        // The gateway's own answers too (the root, a problem).
        assertThat(get("/").headers().firstValue("traceresponse")).isPresent();
        assertThat(get("/nowhere").headers().firstValue("traceresponse")).isPresent();
    }

    @Test
    void routesEachApiToItsServiceWithTheGatewaysForwardedHeaders() {
        assertThat(get("/customers?surname=Lov").statusCode()).isEqualTo(200);
        assertThat(get("/accounts/10000001").statusCode()).isEqualTo(200);

        customerService.verify(getRequestedFor(urlEqualTo("/customers?surname=Lov"))
                .withHeader("X-Forwarded-Host", equalTo("127.0.0.1:" + port))
                .withHeader("X-Forwarded-Proto", equalTo("http"))
                .withHeader("X-Forwarded-Port", equalTo(String.valueOf(port)))
                .withHeader("X-Forwarded-Prefix", absent()));
        accountService.verify(getRequestedFor(urlEqualTo("/accounts/10000001")));
    }

    @Test
    void neverPassesOnForwardedHeadersAClientSends() {
        var spoofed = http.send(asTeller(HttpRequest.newBuilder(http.uri("/customers"))
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", "6666")
                .header("X-Forwarded-Prefix", "/evil")
                .header("Forwarded", "host=evil.example;proto=https")));

        assertThat(spoofed.statusCode()).isEqualTo(200);
        customerService.verify(getRequestedFor(urlEqualTo("/customers"))
                .withHeader("X-Forwarded-Host", equalTo("127.0.0.1:" + port))
                .withHeader("X-Forwarded-Proto", equalTo("http"))
                .withHeader("X-Forwarded-Port", equalTo(String.valueOf(port)))
                .withHeader("X-Forwarded-Prefix", absent())
                .withHeader("Forwarded", absent()));
    }

    @Test
    void refusesAHostNameItDoesNotAnswerTo() {
        // The JDK client will not send a Host header of our choosing; a raw request can.
        var response = RawHttp.get(port, "/customers", "evil.example");

        assertThat(response).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("https://erlbank.example/problems/host-not-allowed");
        customerService.verify(0, getRequestedFor(urlPathEqualTo("/customers")));
    }

    @Test
    void answersADeadServiceWithAProblemAtOnceAndKeepsTheOtherRoutes() throws Exception {
        customerService.stop();
        try {
            long start = System.nanoTime();
            var dead = get("/customers");

            assertProblem(dead, 503, "service-unavailable");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(get("/accounts/10000001").statusCode()).isEqualTo(200);
            assertThat(json(http.get("/actuator/health")).path("status").asString()).isEqualTo("DOWN");
        } finally {
            customerService.start();
        }
    }

    @Test
    void answersASlowServiceWithAGatewayTimeoutWithinTheRouteTimeout() {
        accountService.stubFor(WireMock.get(urlPathEqualTo("/accounts/10000002"))
                .willReturn(hal("{}").withFixedDelay(8_000)));
        long start = System.nanoTime();

        var slow = get("/accounts/10000002");

        assertProblem(slow, 504, "service-timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(6_000));
        assertThat(get("/customers").statusCode()).isEqualTo(200);
    }

    @Test
    void offersTheHalExplorerOnTheRootAndSwaggerUiWithEverySpec() {
        var explorer = http.get("/explorer");
        assertThat(explorer.statusCode()).isEqualTo(302);
        assertThat(explorer.headers().firstValue("Location"))
                .contains(base() + "/webjars/hal-explorer/2.3.0/index.html#uri=" + base() + "/");
        assertThat(http.get("/webjars/hal-explorer/2.3.0/index.html").statusCode()).isEqualTo(200);

        assertThat(http.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
        assertThat(json(http.get("/v3/api-docs/swagger-config")).path("urls").findValuesAsString("url"))
                .containsExactlyInAnyOrder("/api-specs/customer-api-v2.yaml", "/api-specs/customer-api-v1.yaml",
                        "/api-specs/account-api-v1.yaml", "/api-specs/customer-feed-api-v1.yaml");
        assertThat(json(http.get("/v3/api-docs/swagger-config")).path("urls.primaryName").asString())
                .isEqualTo("Customer API v2");
        assertThat(http.get("/docs/relations.html").body()).contains("id=\"statement\"", "id=\"customers-v2\"");
    }

    @Test
    void servesTheSpecsFromTheServicesThatOwnThem() {
        for (var version : new String[] { "v1", "v2" }) {
            customerService.stubFor(WireMock.get("/api-specs/customer-api-" + version + ".yaml").willReturn(aResponse()
                    .withHeader("Content-Type", "application/yaml").withBody("openapi: 3.0.3 # " + version)));

            var spec = http.get("/api-specs/customer-api-" + version + ".yaml");

            assertThat(spec.statusCode()).isEqualTo(200);
            assertThat(spec.body()).isEqualTo("openapi: 3.0.3 # " + version);
        }
    }

    /** Both versions of the customer API, v1's deprecation page and the customer feed are customer-service's. */
    @Test
    void routesBothVersionsOfTheCustomerApiToCustomerService() {
        customerService.stubFor(WireMock.get(urlPathEqualTo("/v2/customers")).willReturn(hal("{\"page\":{}}")));
        customerService.stubFor(WireMock.get("/docs/customer-api-v1-deprecation.html").willReturn(aResponse()
                .withHeader("Content-Type", "text/html").withBody("<h1>deprecated</h1>")));

        assertThat(get("/v2/customers?familyName=Lov").statusCode()).isEqualTo(200);
        customerService.stubFor(WireMock.get(urlPathEqualTo("/customer-feed/pages/0")).willReturn(hal("{\"page\":0}")));
        assertThat(get("/customer-feed/pages/0").statusCode()).isEqualTo(200);
        assertThat(http.get("/docs/customer-api-v1-deprecation.html").body()).isEqualTo("<h1>deprecated</h1>");
        customerService.verify(getRequestedFor(urlEqualTo("/v2/customers?familyName=Lov"))
                .withHeader("X-Forwarded-Host", equalTo("127.0.0.1:" + port)));
    }

    @Test
    void keepsTheServicesAdministrationToThemselves() throws InterruptedException {
        assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
        // Climbing out of either service's routes is refused at the edge, plain or percent-encoded: the gateway would
        // otherwise pass the dots on as they came, to a path outside the route that let them through.
        for (var climb : new String[] { "/customers/../actuator/env", "/accounts/../actuator/env",
                "/customers/%2e%2e/actuator/env", "/accounts/.%2E/actuator/env", "/customers/..;/actuator/env" }) {
            assertProblem(http.get(climb), 400, "malformed-request");
        }
        for (var service : new WireMockServer[] { customerService, accountService }) {
            service.verify(0, anyRequestedFor(urlMatching("(?i).*(/\\.|%2e|actuator/env).*")));
        }
        // Each service is asked with a 1 s timeout: on a loaded machine the first ask may miss it; the next does not.
        var health = json(http.get("/actuator/health"));
        for (int attempt = 0; attempt < 5 && !"UP".equals(health.path("status").asString()); attempt++) {
            Thread.sleep(500);
            health = json(http.get("/actuator/health"));
        }
        assertThat(health.path("components").path("customerServiceHealth").path("status").asString())
                .as(health.toString()).isEqualTo("UP");
        assertThat(health.path("components").path("accountServiceHealth").path("status").asString())
                .as(health.toString()).isEqualTo("UP");
    }

    @Test
    void answersUnknownPathsWithAProblem() {
        assertProblem(get("/nothing/here"), 404, "not-found");
    }

    static java.util.List<String> hrefs(JsonNode node) {
        var hrefs = new ArrayList<String>();
        node.findValues("href").forEach(href -> hrefs.add(href.asString()));
        return hrefs;
    }
}
