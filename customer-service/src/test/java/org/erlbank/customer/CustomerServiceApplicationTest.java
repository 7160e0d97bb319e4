package org.erlbank.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * customer-service as a whole, over real HTTP on a real port, on its real (in-memory) database: what a slice
 * cannot show, such as the servlet container's part, concurrent clients, and the files it serves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:customer-service-test;DB_CLOSE_DELAY=-1")
class CustomerServiceApplicationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String NAME = "{\"givenName\":\"%s\",\"surname\":\"%s\"}";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void startsWithTheDemoCustomers() throws Exception {
        var ada = get("/customers/c0000000-0000-4000-8000-000000000001");

        assertThat(ada.statusCode()).isEqualTo(200);
        assertThat(json(ada).path("surname").asString()).isEqualTo("Lovelace");
    }

    @Test
    void registersReadsAndRenamesACustomerByFollowingItsLinks() throws Exception {
        var created = send(HttpRequest.newBuilder(uri("/customers")).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(NAME.formatted("Edsger", "Dijkstra"))));
        assertThat(created.statusCode()).isEqualTo(201);
        var self = URI.create(json(created).path("_links").path("self").path("href").asString());
        assertThat(created.headers().firstValue("Location")).contains(self.toString());

        var read = send(HttpRequest.newBuilder(self));
        var etag = read.headers().firstValue("ETag").orElseThrow();

        var renamed = rename(self, etag, "Edsger W.", "Dijkstra");
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(renamed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);

        var stale = rename(self, etag, "E.", "Dijkstra");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(json(send(HttpRequest.newBuilder(self))).path("givenName").asString()).isEqualTo("Edsger W.");
    }

    @Test
    void letsExactlyOneOfManyConcurrentRenamesWithTheSameETagWin() throws Exception {
        var created = send(HttpRequest.newBuilder(uri("/customers")).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(NAME.formatted("Tony", "Hoare"))));
        var self = created.headers().firstValue("Location").map(URI::create).orElseThrow();
        var etag = created.headers().firstValue("ETag").orElseThrow();
        var clients = 8;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(clients);
        var statuses = new ArrayList<Integer>();
        try {
            var futures = new ArrayList<Future<Integer>>();
            for (int i = 0; i < clients; i++) {
                var surname = "Hoare-" + i;
                Callable<Integer> renameOnce = () -> {
                    start.await();
                    return rename(self, etag, "Tony", surname).statusCode();
                };
                futures.add(pool.submit(renameOnce));
            }
            start.countDown();
            for (var future : futures) {
                statuses.add(future.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).containsOnly(200, 412).filteredOn(status -> status == 200).hasSize(1);
        assertThat(send(HttpRequest.newBuilder(self)).headers().firstValue("ETag")).contains("\"1\"");
    }

    @Test
    void refusesAHugeChunkedBodyAndWritesNothing() throws Exception {
        var before = totalCustomers();
        var huge = NAME.formatted("a".repeat(200_000), "b").getBytes(StandardCharsets.UTF_8);

        // ofInputStream has no known length, so the body goes out chunked, without Content-Length.
        var response = send(HttpRequest.newBuilder(uri("/customers")).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge))));

        assertProblem(response, 413, "payload-too-large");
        assertThat(totalCustomers()).isEqualTo(before);
    }

    @Test
    void answersOddPathsWithProblems() throws Exception {
        assertProblem(get("/customers/a%2Fb"), 400, "validation-failed");
        assertProblem(get("/customers/" + "9".repeat(5000)), 400, "validation-failed");
        assertProblem(get("/no/such/thing"), 404, "not-found");
    }

    @Test
    void servesItsSpecUnchangedAndListsItInSwaggerUi() throws Exception {
        var spec = get("/api-specs/customer-api-v1.yaml");

        assertThat(spec.statusCode()).isEqualTo(200);
        assertThat(spec.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/yaml"));
        assertThat(spec.body()).isEqualTo(Files.readString(Path.of("../api-specs/customer-api-v1.yaml")));

        assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
        var config = json(get("/v3/api-docs/swagger-config"));
        assertThat(config.path("urls").findValuesAsString("url")).containsExactly("/api-specs/customer-api-v1.yaml");
    }

    @Test
    void givesPagesAnETagSoClientsCanRevalidate() throws Exception {
        var page = get("/customers?size=2");
        var etag = page.headers().firstValue("ETag").orElseThrow();

        var again = send(HttpRequest.newBuilder(uri("/customers?size=2")).header("If-None-Match", etag));

        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    void reportsItselfHealthy() throws Exception {
        assertThat(json(get("/actuator/health")).path("status").asString()).isEqualTo("UP");
    }

    private long totalCustomers() throws Exception {
        return json(get("/customers?size=1")).path("page").path("totalElements").asLong();
    }

    private HttpResponse<String> rename(URI customer, String etag, String givenName, String surname)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(customer).header("Content-Type", "application/json")
                .header("If-Match", etag).PUT(BodyPublishers.ofString(NAME.formatted(givenName, surname))));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(response).path("type").asString()).isEqualTo("https://erlbank.example/problems/" + type);
    }
}
