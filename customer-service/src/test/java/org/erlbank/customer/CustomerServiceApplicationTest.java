package org.erlbank.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.erlbank.testing.HttpTestClient.assertProblem;
import static org.erlbank.testing.HttpTestClient.json;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.erlbank.testing.HttpTestClient;
import org.erlbank.testing.OpenApiSpec;
import org.erlbank.testing.security.Forgery;
import org.erlbank.testing.security.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * customer-service as a whole, over real HTTP on a real port, on its real (in-memory) database: what a slice
 * cannot show, such as the servlet container's part, concurrent clients, and the files it serves. Its tokens come
 * from a {@link TestIssuer} in auth-server's place; every request carries a teller's unless a test says otherwise.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.datasource.url=jdbc:h2:mem:customer-service-test;DB_CLOSE_DELAY=-1",
                "management.server.port=0" })
class CustomerServiceApplicationTest {

    private static final String NAME = "{\"givenName\":\"%s\",\"surname\":\"%s\"}";
    private static final UUID ADA = UUID.fromString("c0000000-0000-4000-8000-000000000001");
    private static final String DETAILS = """
            {"name":{"givenName":"%s","familyName":"%s"},
             "postalAddress":{"street":"1 Main Street","postalCode":"02139","city":"%s","country":"US"}}""";


    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private static final TestIssuer ISSUER = TestIssuer.start();

    /** Without a token. */
    private final HttpTestClient anonymous = new HttpTestClient(() -> port);
    private final HttpTestClient http = anonymous.as(() -> ISSUER.teller("tess").sign());

    @DynamicPropertySource
    static void authServer(DynamicPropertyRegistry registry) {
        registry.add("erlbank.security.issuer", ISSUER::issuer);
        registry.add("erlbank.security.jwk-set-uri", () -> ISSUER.jwkSetUri().toString());
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @Test
    void startsWithTheDemoCustomers() throws Exception {
        var ada = http.get("/customers/c0000000-0000-4000-8000-000000000001");

        assertThat(ada.statusCode()).isEqualTo(200);
        assertThat(json(ada).path("surname").asString()).isEqualTo("Lovelace");
    }

    @Test
    void registersReadsAndRenamesACustomerByFollowingItsLinks() throws Exception {
        var created = http.send(HttpRequest.newBuilder(http.uri("/customers")).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(NAME.formatted("Edsger", "Dijkstra"))));
        assertThat(created.statusCode()).isEqualTo(201);
        var self = URI.create(json(created).path("_links").path("self").path("href").asString());
        assertThat(created.headers().firstValue("Location")).contains(self.toString());

        var read = http.send(HttpRequest.newBuilder(self));
        var etag = read.headers().firstValue("ETag").orElseThrow();

        var renamed = rename(self, etag, "Edsger W.", "Dijkstra");
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(renamed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);

        var stale = rename(self, etag, "E.", "Dijkstra");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(json(http.send(HttpRequest.newBuilder(self))).path("givenName").asString()).isEqualTo("Edsger W.");
    }

    @Test
    void letsExactlyOneOfManyConcurrentRenamesWithTheSameETagWin() throws Exception {
        var created = http.send(HttpRequest.newBuilder(http.uri("/customers")).header("Content-Type", "application/json")
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
        assertThat(http.send(HttpRequest.newBuilder(self)).headers().firstValue("ETag")).contains("\"1\"");
    }

    @Test
    void refusesAHugeChunkedBodyAndWritesNothing() throws Exception {
        var before = totalCustomers();
        var huge = NAME.formatted("a".repeat(200_000), "b").getBytes(StandardCharsets.UTF_8);

        // ofInputStream has no known length, so the body goes out chunked, without Content-Length.
        var response = http.send(HttpRequest.newBuilder(http.uri("/customers")).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge))));

        assertProblem(response, 413, "payload-too-large");
        assertThat(totalCustomers()).isEqualTo(before);
    }

    @Test
    void aRetriedRegistrationWithTheSameIdempotencyKeyRegistersOnce() throws Exception {
        var before = totalCustomers();
        var key = UUID.randomUUID().toString();

        var first = http.post("/customers", NAME.formatted("Lise", "Meitner"), key);
        var retry = http.post("/customers", NAME.formatted("Lise", "Meitner"), key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(retry.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(totalCustomers()).isEqualTo(before + 1);
        assertProblem(http.post("/customers", NAME.formatted("Lise", "Meitner-Frisch"), key), 422,
                "idempotency-key-reused");
        assertThat(http.post("/customers", NAME.formatted("Lise", "Meitner"), UUID.randomUUID().toString())
                .statusCode()).as("a new key is a new request").isEqualTo(201);
        assertThat(totalCustomers()).isEqualTo(before + 2);
    }

    /**
     * A key belongs to the caller who sent it: a request refused for its token claims none, and another teller's
     * request under the same key is a request of her own, not a reuse of the first one's (nor answered with it).
     */
    @Test
    void anIdempotencyKeyBelongsToItsCaller() throws Exception {
        var before = totalCustomers();
        var key = UUID.randomUUID().toString();

        assertProblem(anonymous.post("/customers", NAME.formatted("Emmy", "Noether"), key), 401, "unauthorized");
        assertProblem(http.as(() -> ISSUER.customer(ADA).sign()).post("/customers", NAME.formatted("Emmy", "Noether"),
                key), 403, "forbidden");
        var tess = http.post("/customers", NAME.formatted("Emmy", "Noether"), key);
        var tom = http.as(() -> ISSUER.teller("tom").sign()).post("/customers", NAME.formatted("Rosalind", "Franklin"),
                key);

        assertThat(tess.statusCode()).isEqualTo(201);
        assertThat(tess.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(tom.statusCode()).isEqualTo(201);
        assertThat(tom.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(json(tom).path("surname").asString()).isEqualTo("Franklin");
        assertThat(totalCustomers()).isEqualTo(before + 2);
    }

    @Test
    void aHugeBodyWithAnIdempotencyKeyIsRefusedAndRemembersNothing() throws Exception {
        var before = totalCustomers();
        var huge = NAME.formatted("a".repeat(200_000), "b").getBytes(StandardCharsets.UTF_8);

        var response = http.send(HttpRequest.newBuilder(http.uri("/customers")).header("Content-Type", "application/json")
                .header("Idempotency-Key", "huge").POST(BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge))));

        assertProblem(response, 413, "payload-too-large");
        assertThat(totalCustomers()).isEqualTo(before);
        assertThat(http.post("/customers", NAME.formatted("Chien-Shiung", "Wu"), "huge").statusCode()).isEqualTo(201);
    }

    @Test
    void answersOddPathsWithProblems() throws Exception {
        assertProblem(http.get("/customers/a%20b"), 400, "validation-failed");
        // Refused by Spring Security's firewall before the path is routed: an encoded slash and a semicolon (a path
        // parameter) are ways to have one path read two ways, which is how path rules are got round.
        assertProblem(http.get("/customers/a%2Fb"), 400, "malformed-request");
        assertProblem(http.get("/customers/42;drop"), 400, "malformed-request");
        assertProblem(http.get("/customers/" + "9".repeat(5000)), 400, "validation-failed");
        assertProblem(http.get("/no/such/thing"), 404, "not-found");
    }

    @Test
    void servesItsSpecsAsWrittenWithTheFlowsOnItsIssuerAndListsThemInSwaggerUi() throws Exception {
        // Without a token: a browser reads them before it has one (Swagger UI's Authorize is how it gets one).
        for (var name : new String[] { "customer-api-v1", "customer-api-v2", "customer-feed-api-v1" }) {
            var spec = anonymous.get("/api-specs/" + name + ".yaml");

            assertThat(spec.statusCode()).isEqualTo(200);
            assertThat(spec.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/yaml"));
            assertThat(spec.body()).isEqualTo(Files.readString(Path.of("../api-specs/" + name + ".yaml"))
                    .replace("http://localhost:9000/oauth2/", ISSUER.issuer() + "/oauth2/"));
            assertThat(spec.body()).contains("authorizationUrl: " + ISSUER.issuer() + "/oauth2/authorize");
        }

        assertThat(anonymous.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
        var config = json(anonymous.get("/v3/api-docs/swagger-config"));
        assertThat(config.path("urls").findValuesAsString("url"))
                .containsExactlyInAnyOrder("/api-specs/customer-api-v2.yaml", "/api-specs/customer-api-v1.yaml",
                        "/api-specs/customer-feed-api-v1.yaml");
        assertThat(config.path("urls.primaryName").asString()).isEqualTo("Customer API v2");
    }

    @Test
    void givesPagesAnETagSoClientsCanRevalidate() throws Exception {
        var page = http.get("/customers?size=2");
        var etag = page.headers().firstValue("ETag").orElseThrow();

        var again = http.send(HttpRequest.newBuilder(http.uri("/customers?size=2")).header("If-None-Match", etag));

        assertThat(again.statusCode()).isEqualTo(304);
    }

    /** The real answers, good and bad, are what the spec says they are. */
    @Test
    void answersAsItsSpecSays() {
        var spec = OpenApiSpec.at(Path.of("../api-specs/customer-api-v1.yaml"));
        var created = http.post("/customers", NAME.formatted("Barbara", "McClintock"));
        var self = created.headers().firstValue("Location").orElseThrow();

        spec.assertAllows(created, 201);
        spec.assertAllows(http.get("/customers?size=2&surname=Mc"), 200);
        spec.assertAllows(http.send(HttpRequest.newBuilder(URI.create(self))), 200);
        spec.assertAllows(http.send(HttpRequest.newBuilder(URI.create(self))
                .header("Accept", "application/prs.hal-forms+json")), 200);
        spec.assertAllows(http.send(HttpRequest.newBuilder(URI.create(self)).header("Accept", "application/json")), 200);
        spec.assertAllows(rename(URI.create(self), "\"0\"", "Barbara", "McClintock-Lee"), 200);
        spec.assertAllows(rename(URI.create(self), "\"0\"", "Barbara", "McClintock"), 412);
        spec.assertAllows(http.post("/customers", NAME.formatted(" ", "x")), 400);
        spec.assertAllows(http.get("/customers/c0000000-0000-4000-8000-000000000099"), 404);
    }

    /** v2's answers, good and bad, are what its spec says they are. */
    @Test
    void answersInV2AsItsSpecSays() {
        var spec = OpenApiSpec.at(Path.of("../api-specs/customer-api-v2.yaml"));
        var created = http.post("/v2/customers", DETAILS.formatted("Barbara", "Liskov", "Cambridge"));
        var self = created.headers().firstValue("Location").orElseThrow();

        spec.assertAllows(created, 201);
        spec.assertAllows(http.get("/v2/customers?size=2&familyName=Li"), 200);
        spec.assertAllows(http.send(HttpRequest.newBuilder(URI.create(self))), 200);
        spec.assertAllows(http.send(HttpRequest.newBuilder(URI.create(self))
                .header("Accept", "application/prs.hal-forms+json")), 200);
        spec.assertAllows(http.send(HttpRequest.newBuilder(URI.create(self)).header("Accept", "application/json")), 200);
        spec.assertAllows(changeV2(URI.create(self), "\"0\"", DETAILS.formatted("Barbara", "Liskov", "Boston")), 200);
        spec.assertAllows(changeV2(URI.create(self), "\"0\"", DETAILS.formatted("Barbara", "Liskov", "Boston")), 412);
        spec.assertAllows(http.post("/v2/customers", DETAILS.formatted(" ", "x", "Cambridge")), 400);
        spec.assertAllows(http.get("/v2/customers/c0000000-0000-4000-8000-000000000099"), 404);
        spec.assertAllows(http.send(HttpRequest.newBuilder(http.uri("/v2/customers/c0000000-0000-4000-8000-000000000099"))
                .header("Accept", "application/json")), 404);
        // A v1 customer has no postal address yet: v2 leaves it out, as its spec allows.
        spec.assertAllows(http.get("/v2/customers/c0000000-0000-4000-8000-000000000001"), 200);
    }

    /**
     * The two versions are two views of the same customers: one registered through v2 is there in v1, a rename
     * through v1 keeps the address v2 gave and is seen by v2, and one ETag guards both against lost updates.
     */
    @Test
    void servesTheSameCustomersInV1AndV2() throws Exception {
        var created = http.post("/v2/customers", DETAILS.formatted("Grace", "Hopper", "Arlington"));
        assertThat(created.statusCode()).isEqualTo(201);
        var v2 = URI.create(json(created).path("_links").path("self").path("href").asString());
        var v1 = URI.create(json(created).path("_links").path("predecessor-version").path("href").asString());
        assertThat(v1.getPath()).isEqualTo(v2.getPath().substring("/v2".length()));

        var inV1 = http.send(HttpRequest.newBuilder(v1));
        assertThat(json(inV1).path("givenName").asString()).isEqualTo("Grace");
        assertThat(json(inV1).path("surname").asString()).isEqualTo("Hopper");
        assertThat(json(inV1).has("postalAddress")).isFalse();
        assertThat(json(inV1).path("_links").path("successor-version").path("href").asString())
                .isEqualTo(v2.toString());
        assertThat(inV1.headers().firstValue("ETag")).isEqualTo(created.headers().firstValue("ETag"));

        var renamed = rename(v1, "\"0\"", "Grace Brewster", "Hopper");
        assertThat(renamed.statusCode()).isEqualTo(200);

        var inV2 = json(http.send(HttpRequest.newBuilder(v2)));
        assertThat(inV2.path("name").path("givenName").asString()).isEqualTo("Grace Brewster");
        assertThat(inV2.path("name").path("familyName").asString()).isEqualTo("Hopper");
        assertThat(inV2.path("postalAddress").path("city").asString()).isEqualTo("Arlington");

        // A v2 client that read version 0 must not overwrite the rename it did not see.
        assertProblem(changeV2(v2, "\"0\"", DETAILS.formatted("Grace", "Hopper", "New York")), 412,
                "precondition-failed");
        var moved = changeV2(v2, "\"1\"", DETAILS.formatted("Grace Brewster", "Hopper", "New York"));
        assertThat(moved.statusCode()).isEqualTo(200);
        assertThat(json(http.send(HttpRequest.newBuilder(v1))).path("givenName").asString())
                .isEqualTo("Grace Brewster");
        assertThat(http.send(HttpRequest.newBuilder(v1)).headers().firstValue("ETag")).contains("\"2\"");
    }

    /** Every v1 answer, an error too, says v1 is deprecated, when it ends, and where its successor is. */
    @Test
    void marksEveryV1AnswerAsDeprecatedWithItsSuccessor() {
        var ada = "/customers/c0000000-0000-4000-8000-000000000001";
        var answers = List.of(http.get(ada), http.get("/customers?surname=Love&page=0&size=5"),
                http.get("/customers/c0000000-0000-4000-8000-000000000099"), http.get("/customers/not-a-uuid"),
                http.post("/customers", "{\"givenName\":1}"));

        for (var answer : answers) {
            assertThat(answer.headers().firstValue("Deprecation")).as(answer.uri().toString()).contains("@1795651200");
            assertThat(answer.headers().firstValue("Sunset")).as(answer.uri().toString())
                    .contains("Tue, 30 Nov 2027 00:00:00 GMT");
            var successor = "<" + http.uri("/v2" + answer.uri().getRawPath()
                    + (answer.uri().getRawQuery() == null ? "" : "?" + answer.uri().getRawQuery()
                            .replace("surname=", "familyName="))) + ">;rel=\"successor-version\"";
            assertThat(answer.headers().allValues("Link")).as(answer.uri().toString()).contains(successor,
                    "<" + http.uri("/docs/customer-api-v1-deprecation.html") + ">;rel=\"deprecation\";type=\"text/html\"");
        }
        assertThat(anonymous.get("/docs/customer-api-v1-deprecation.html").body()).contains("30 November 2027");

        var v2 = http.get("/v2" + ada);
        assertThat(v2.statusCode()).isEqualTo(200);
        assertThat(v2.headers().firstValue("Deprecation")).isEmpty();
        assertThat(v2.headers().firstValue("Sunset")).isEmpty();
        assertThat(v2.headers().allValues("Link")).isEmpty();
        // The successor of a v1 answer answers.
        assertThat(http.get("/v2/customers?familyName=Love&page=0&size=5").statusCode()).isEqualTo(200);
    }

    /**
     * The feed over HTTP: a consumer that knows only the entry point follows {@code first} and {@code next} to the
     * head, finds a registration and a rename made just now, in order, and the head page's ETag changes with them;
     * every answer is what the feed's spec says.
     */
    @Test
    void aConsumerFollowsTheFeedFromTheStartToTheChangesJustMade() throws Exception {
        var spec = OpenApiSpec.at(Path.of("../api-specs/customer-feed-api-v1.yaml"));
        var entry = http.get("/customer-feed");
        spec.assertAllows(entry);
        var head = URI.create(json(entry).path("_links").path("head").path("href").asString());
        var before = http.send(HttpRequest.newBuilder(head)).headers().firstValue("ETag").orElseThrow();

        var created = http.post("/customers", NAME.formatted("Frances", "Allen"));
        var self = URI.create(created.headers().firstValue("Location").orElseThrow());
        rename(self, "\"0\"", "Frances E.", "Allen");

        var seen = new ArrayList<tools.jackson.databind.JsonNode>();
        var page = URI.create(json(http.get("/customer-feed")).path("_links").path("first").path("href").asString());
        while (true) {
            var answer = http.send(HttpRequest.newBuilder(page));
            spec.assertAllows(answer);
            json(answer).path("events").forEach(seen::add);
            var next = json(answer).path("_links").path("next").path("href");
            if (next.isMissingNode()) {
                assertThat(answer.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(before);
                assertThat(answer.headers().firstValue("Cache-Control")).contains("no-cache");
                break;
            }
            assertThat(answer.headers().firstValue("Cache-Control")).hasValueSatisfying(
                    value -> assertThat(value).contains("immutable"));
            page = URI.create(next.asString());
        }

        var positions = seen.stream().map(event -> event.path("position").asLong()).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates().first().isEqualTo(1L);
        assertThat(positions.get(positions.size() - 1)).isEqualTo(positions.size());
        var id = self.getPath().substring(self.getPath().lastIndexOf('/') + 1);
        assertThat(seen.stream().filter(event -> event.path("customerId").asString().equals(id))
                .map(event -> event.path("type").asString() + " " + event.path("customer").path("givenName").asString()))
                .containsExactly("customer-registered Frances", "customer-renamed Frances E.");
        spec.assertAllows(http.get("/customer-feed/pages/99999"));
        var from = http.send(HttpRequest.newBuilder(http.uri("/customer-feed/from?position=1")));
        assertThat(from.statusCode()).isEqualTo(303);
        spec.assertAllows(from);
    }

    // Security: who may call at all (a valid token), and what each caller may do (CustomerAccess).

    /** Without a valid token nothing is read or changed: a 401 problem with RFC 6750's challenge, every time. */
    @Test
    void asksEveryApiRequestForAValidTokenAndChangesNothingWithoutOne() throws Exception {
        var before = totalCustomers();
        for (var path : List.of("/customers", "/customers/" + ADA, "/v2/customers", "/v2/customers/" + ADA,
                "/customer-feed", "/customer-feed/pages/0", "/customer-feed/from?position=1")) {
            var answer = anonymous.get(path);
            assertProblem(answer, 401, "unauthorized");
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(path).contains("Bearer");
        }
        assertProblem(anonymous.post("/customers", NAME.formatted("Eve", "Anonymous")), 401, "unauthorized");
        assertProblem(anonymous.post("/v2/customers", DETAILS.formatted("Eve", "Anonymous", "Nowhere")), 401,
                "unauthorized");

        var forgeries = new ArrayList<String>();
        for (var forgery : Forgery.values()) {
            forgeries.add(ISSUER.forge(forgery));
        }
        forgeries.add("not.a.jwt");
        forgeries.add(ISSUER.token("mallory").claim("roles", List.of("admin")).sign());
        forgeries.add(ISSUER.token("mallory").claim("roles", List.of("teller", "customer"))
                .claim("customer_id", ADA.toString()).sign());
        for (var token : forgeries) {
            var forged = http.as(() -> token);
            var answer = forged.post("/customers", NAME.formatted("Eve", "Forger"));
            assertProblem(answer, 401, "unauthorized");
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(token)
                    .contains("Bearer error=\"invalid_token\"");
            assertProblem(forged.get("/v2/customers/" + ADA), 401, "unauthorized");
        }
        assertThat(totalCustomers()).isEqualTo(before);
    }

    /**
     * Each caller is offered exactly the HAL-FORMS templates she may use, and every one offered is accepted: the
     * teller registers (v1 and v2) and changes anyone; a customer changes herself, in both versions, and registers
     * nobody; a service is offered nothing. What is not offered is refused.
     */
    @Test
    void offersEachCallerExactlyWhatSheMayDoAndAcceptsWhatItOffers() {
        // The teller: registering on both collections, changing on a customer.
        var v1Page = json(http.send(halForms("/customers?size=1")));
        var v2Page = json(http.send(halForms("/v2/customers?size=1")));
        assertThat(templates(v1Page)).containsExactly("registerCustomer");
        assertThat(templates(v2Page)).containsExactly("registerCustomer");
        var hedy = submit(http, v1Page, "registerCustomer", NAME.formatted("Hedy", "Lamarr"), null);
        assertThat(hedy.statusCode()).isEqualTo(201);
        var created = submit(http, v2Page, "registerCustomer", DETAILS.formatted("Edith", "Clarke", "Austin"), null);
        assertThat(created.statusCode()).isEqualTo(201);
        var v2 = json(created).path("_links").path("self").path("href").asString();
        var v1 = json(created).path("_links").path("predecessor-version").path("href").asString();
        var id = json(created).path("id").asString();

        var tellersV1 = json(http.send(halForms(v1)));
        assertThat(templates(tellersV1)).containsExactly("changeCustomerName");
        assertThat(submit(http, tellersV1, "changeCustomerName", NAME.formatted("Edith", "Clarke-Pratt"), "\"0\"")
                .statusCode()).isEqualTo(200);

        // The customer herself: her own record, in both versions, changed through what it offers.
        var edith = http.as(() -> ISSUER.customer(UUID.fromString(id)).sign());
        var hersV2 = json(edith.send(halForms(v2)));
        assertThat(templates(hersV2)).containsExactly("changeCustomer");
        assertThat(hersV2.path("_links").path("accounts").isMissingNode()).isFalse();
        assertThat(submit(edith, hersV2, "changeCustomer", DETAILS.formatted("Edith", "Clarke", "Dallas"), "\"1\"")
                .statusCode()).isEqualTo(200);
        var hersV1 = json(edith.send(halForms(v1)));
        assertThat(templates(hersV1)).containsExactly("changeCustomerName");
        assertThat(submit(edith, hersV1, "changeCustomerName", NAME.formatted("Edith M.", "Clarke"), "\"2\"")
                .statusCode()).isEqualTo(200);
        // Her lists hold herself only, searched as anyone's, and offer no registration, which is refused.
        for (var list : List.of("/customers", "/customers?surname=Cla", "/v2/customers?familyName=cla&size=5")) {
            var page = json(edith.send(halForms(list)));
            assertThat(page.path("_embedded").path("customers").findValuesAsString("id")).as(list).containsExactly(id);
            assertThat(page.path("page").path("totalElements").asLong()).as(list).isEqualTo(1);
            assertThat(templates(page)).as(list).isEmpty();
            assertThat(embeddedTemplates(page)).as(list).containsExactly(
                    list.startsWith("/v2") ? "changeCustomer" : "changeCustomerName");
        }
        assertThat(json(edith.get("/customers?surname=Lovelace")).path("page").path("totalElements").asLong())
                .isZero();
        assertProblem(edith.post("/customers", NAME.formatted("Eve", "Clarke")), 403, "forbidden");
        assertProblem(edith.post("/v2/customers", DETAILS.formatted("Eve", "Clarke", "Austin")), 403, "forbidden");
        assertProblem(edith.get("/customer-feed"), 403, "forbidden");

        // A service reading customers (account-service's token): it reads, is offered nothing, and changes nothing.
        var service = http.as(() -> ISSUER.service("account-service", "customers.read", "customers.feed").sign());
        for (var resource : List.of(v1, v2, http.uri("/customers").toString(), http.uri("/v2/customers").toString())) {
            var read = service.send(halForms(resource));
            assertThat(read.statusCode()).as(resource).isEqualTo(200);
            assertThat(read.body()).as(resource).doesNotContain("_templates").doesNotContain("\"accounts\"");
        }
        assertThat(service.get("/customer-feed").statusCode()).isEqualTo(200);
        assertProblem(service.post("/customers", NAME.formatted("Eve", "Service")), 403, "forbidden");
        assertProblem(rename(service, URI.create(v1), "\"3\"", "Eve", "Service"), 403, "forbidden");
        assertProblem(service.send(HttpRequest.newBuilder(URI.create(v2)).header("Content-Type", "application/json")
                .header("If-Match", "\"3\"").PUT(BodyPublishers.ofString(DETAILS.formatted("Eve", "S", "Austin")))),
                403, "forbidden");
        // Each scope for its own reads only.
        var feedOnly = http.as(() -> ISSUER.service("account-service", "customers.feed").sign());
        var readOnly = http.as(() -> ISSUER.service("account-service", "customers.read").sign());
        assertProblem(feedOnly.get("/v2/customers/" + id), 403, "forbidden");
        assertProblem(readOnly.get("/customer-feed/pages/0"), 403, "forbidden");

        var v2Now = json(http.get("/v2/customers/" + id));
        assertThat(v2Now.path("name").path("givenName").asString()).isEqualTo("Edith M.");
        assertThat(v2Now.path("postalAddress").path("city").asString()).isEqualTo("Dallas");
    }

    /**
     * Another customer's record answers exactly as one that does not exist, read or changed, in v1 and v2: the same
     * status, headers and problem, but for the id it names. Nobody learns from a customer's token which ids exist.
     */
    @Test
    void answersAnotherCustomersRecordExactlyAsOneThatDoesNotExist() {
        var ada = http.as(() -> ISSUER.customer(ADA).sign());
        var grace = "c0000000-0000-4000-8000-000000000002";
        var nobody = "c0000000-0000-4000-8000-000000000099";
        var details = DETAILS.formatted("Grace", "Hopper", "Arlington");
        for (var path : List.of("/customers/", "/v2/customers/")) {
            var hers = ada.get(path + grace);
            var missing = http.get(path + nobody);
            assertProblem(hers, 404, "customer-not-found");
            assertSameAnswer(hers, grace, missing, nobody);

            var body = path.startsWith("/v2") ? details : NAME.formatted("Grace", "Hopper");
            var herChange = put(ada, path + grace, "\"0\"", body);
            var missingChange = put(http, path + nobody, "\"0\"", body);
            assertProblem(herChange, 404, "customer-not-found");
            assertSameAnswer(herChange, grace, missingChange, nobody);
        }
        assertThat(json(http.get("/customers/" + grace)).path("surname").asString()).isEqualTo("Hopper");
    }

    private static void assertSameAnswer(HttpResponse<String> answer, String id, HttpResponse<String> expected,
            String expectedId) {
        assertThat(answer.statusCode()).isEqualTo(expected.statusCode());
        assertThat(answer.headers().map().keySet()).isEqualTo(expected.headers().map().keySet());
        assertThat(withoutTraceId(answer.body()).replace(id, "{id}"))
                .isEqualTo(withoutTraceId(expected.body()).replace(expectedId, "{id}"));
    }

    private static String withoutTraceId(String problem) {
        return problem.replaceAll("\"traceId\":\"[0-9a-f]+\"", "\"traceId\":\"\"");
    }

    private HttpRequest.Builder halForms(String pathOrUri) {
        var uri = pathOrUri.startsWith("http") ? URI.create(pathOrUri) : http.uri(pathOrUri);
        return HttpRequest.newBuilder(uri).header("Accept", "application/prs.hal-forms+json");
    }

    /** The templates a resource offers itself (not those of the resources it embeds). */
    private static List<String> templates(JsonNode resource) {
        return List.copyOf(resource.path("_templates").propertyNames());
    }

    private static List<String> embeddedTemplates(JsonNode resource) {
        var templates = new ArrayList<String>();
        resource.path("_embedded").findValues("_templates").forEach(embedded -> templates.addAll(
                embedded.propertyNames()));
        return templates;
    }

    /** Submits a HAL-FORMS template as a client does: its method, to its target (the resource itself unless given). */
    private static HttpResponse<String> submit(HttpTestClient client, JsonNode resource, String template, String body,
            String ifMatch) {
        var form = resource.path("_templates").path(template);
        assertThat(form.isMissingNode()).as("template %s offered", template).isFalse();
        var target = form.path("target").asString(resource.path("_links").path("self").path("href").asString());
        var request = HttpRequest.newBuilder(URI.create(target))
                .header("Content-Type", form.path("contentType").asString("application/json"))
                .method(form.path("method").asString(), BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return client.send(request);
    }

    private static HttpResponse<String> put(HttpTestClient client, String path, String etag, String body) {
        return client.send(HttpRequest.newBuilder(client.uri(path)).header("Content-Type", "application/json")
                .header("If-Match", etag).PUT(BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> rename(HttpTestClient client, URI customer, String etag, String givenName,
            String surname) {
        return client.send(HttpRequest.newBuilder(customer).header("Content-Type", "application/json")
                .header("If-Match", etag).PUT(BodyPublishers.ofString(NAME.formatted(givenName, surname))));
    }

    @Test
    void reportsItselfHealthyOnItsManagementPortOnly() {
        assertThat(json(management("/actuator/health", "GET", null)).path("status").asString()).isEqualTo("UP");
        assertThat(http.get("/actuator/health").statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/fault").statusCode()).isEqualTo(404);
    }

    /**
     * Its readiness and liveness on the API port too, without a token and without details: the gateway's load
     * balancer asks {@code /readyz} of each instance.
     */
    @Test
    void answersItsReadinessAndLivenessOnTheApiPortWithoutDetails() {
        for (var probe : List.of("/readyz", "/livez")) {
            var answer = anonymous.get(probe);
            assertThat(answer.statusCode()).as(probe).isEqualTo(200);
            assertThat(json(answer).propertyNames()).as(probe).containsExactly("status");
            assertThat(json(answer).path("status").asString()).as(probe).isEqualTo("UP");
        }
    }

    /**
     * Taken out of its balancers' rotation through the management port (what a rolling restart does first): its
     * readiness answers 503 while its API goes on serving what still reaches it; then back in.
     */
    @Test
    void leavesAndRejoinsTheRotationWhenTold() {
        try {
            var refusing = json(management("/actuator/traffic", "POST", "{\"accept\":false}"));
            assertThat(refusing.path("readiness").asString()).isEqualTo("REFUSING_TRAFFIC");
            var readiness = anonymous.get("/readyz");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(json(readiness).path("status").asString()).isEqualTo("OUT_OF_SERVICE");
            assertThat(http.get("/customers?size=1").statusCode()).isEqualTo(200);
        } finally {
            management("/actuator/traffic", "POST", "{\"accept\":true}");
        }
        assertThat(json(management("/actuator/traffic", "GET", null)).path("readiness").asString())
                .isEqualTo("ACCEPTING_TRAFFIC");
        assertThat(anonymous.get("/readyz").statusCode()).isEqualTo(200);
    }

    /** The demos' faults: told through the management port, felt by the API, and cleared again. */
    @Test
    void injectsFaultsItIsToldToAndClearsThem() throws Exception {
        try {
            management("/actuator/fault", "POST", "{\"mode\":\"delay\",\"value\":400}");
            long start = System.nanoTime();
            assertThat(http.get("/customers?size=1").statusCode()).isEqualTo(200);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(
                    java.time.Duration.ofMillis(400));

            management("/actuator/fault", "POST", "{\"mode\":\"error\",\"value\":100}");
            assertProblem(http.get("/customers?size=1"), 500, "injected-fault");

            management("/actuator/fault", "POST", "{\"mode\":\"hang\"}");
            var hanging = java.util.concurrent.CompletableFuture.supplyAsync(() -> http.get("/customers?size=1"));
            // customer-service itself says it holds the request: it arrived, and the hang keeps it.
            await().atMost(java.time.Duration.ofSeconds(10)).pollInterval(java.time.Duration.ofMillis(20))
                    .until(() -> json(management("/actuator/fault", "GET", null)).path("held").asInt() == 1);
            assertThat(hanging).as("held, so not answered").isNotDone();
            var cleared = json(management("/actuator/fault", "DELETE", null));
            assertThat(hanging.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(cleared.path("fault").asString()).isEqualTo("none");
            assertThat(json(management("/actuator/fault", "GET", null)).path("held").asInt()).isZero();

            assertThat(json(management("/actuator/fault", "GET", null)).path("fault").asString()).isEqualTo("none");
            assertThat(management("/actuator/fault", "POST", "{\"mode\":\"error\",\"value\":101}").statusCode())
                    .isEqualTo(400);
        } finally {
            management("/actuator/fault", "DELETE", null);
        }
    }

    /** The management port, without a token: the launcher and the demos use it as they did before there were any. */
    private HttpResponse<String> management(String path, String method, String json) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return anonymous.send(
                request.method(method, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json)));
    }

    private long totalCustomers() throws Exception {
        return json(http.get("/customers?size=1")).path("page").path("totalElements").asLong();
    }

    private HttpResponse<String> rename(URI customer, String etag, String givenName, String surname)
            {
        return http.send(HttpRequest.newBuilder(customer).header("Content-Type", "application/json")
                .header("If-Match", etag).PUT(BodyPublishers.ofString(NAME.formatted(givenName, surname))));
    }

    private HttpResponse<String> changeV2(URI customer, String etag, String details) {
        return http.send(HttpRequest.newBuilder(customer).header("Content-Type", "application/json")
                .header("If-Match", etag).PUT(BodyPublishers.ofString(details)));
    }
}
