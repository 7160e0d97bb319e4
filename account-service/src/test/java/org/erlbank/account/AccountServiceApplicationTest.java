package org.erlbank.account;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.erlbank.testing.HttpTestClient.assertProblem;
import static org.erlbank.testing.HttpTestClient.json;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.erlbank.testing.HttpTestClient;
import org.erlbank.testing.OpenApiSpec;
import org.erlbank.testing.security.Forgery;
import org.erlbank.testing.security.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * account-service as a whole, over real HTTP on a real port and its real (in-memory) database, with WireMock
 * standing in for customer-service: accounts, transfers, statements, their links, and their problems.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.datasource.url=jdbc:h2:mem:account-service-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
                "erlbank.customer-service.read-timeout=1500ms" })
class AccountServiceApplicationTest {

    private static final UUID ADA = UUID.fromString("c0000000-0000-4000-8000-000000000001");
    private static final UUID NOBODY = UUID.fromString("c0000000-0000-4000-8000-000000000099");
    /** Demo customers 2 and 3: account 10000002 is customer 2's, 10000003 customer 3's. */
    private static final UUID CUSTOMER_2 = UUID.fromString("c0000000-0000-4000-8000-000000000002");
    private static final UUID CUSTOMER_3 = UUID.fromString("c0000000-0000-4000-8000-000000000003");

    private static final WireMockServer customerService =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    /** auth-server: signs the callers' tokens, and gives account-service its own. */
    private static final TestIssuer authServer = TestIssuer.start()
            .client("account-service", "account-service-secret", "customers.read", "customers.feed");

    static {
        customerService.start();
    }

    @DynamicPropertySource
    static void customerServiceUrl(DynamicPropertyRegistry registry) {
        registry.add("erlbank.customer-service.url", customerService::baseUrl);
        registry.add("erlbank.links.customer", () -> "http://customers.test/customers/{customerId}");
        registry.add("erlbank.security.issuer", authServer::issuer);
        registry.add("erlbank.security.jwk-set-uri", authServer::jwkSetUri);
        registry.add("spring.security.oauth2.client.provider.auth-server.token-uri", authServer::tokenUri);
    }

    @AfterAll
    static void stopCustomerService() {
        customerService.stop();
        authServer.stop();
    }


    @LocalServerPort
    int port;

    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    private final HttpTestClient ada = new HttpTestClient(() -> port).as(() -> authServer.customer(ADA).sign());
    private final HttpTestClient customer2 = new HttpTestClient(() -> port).as(() -> authServer.customer(CUSTOMER_2).sign());
    private final HttpTestClient customer3 = new HttpTestClient(() -> port).as(() -> authServer.customer(CUSTOMER_3).sign());
    private final HttpTestClient teller = new HttpTestClient(() -> port).as(() -> authServer.teller("teller").sign());
    private final HttpTestClient anonymous = new HttpTestClient(() -> port);

    @BeforeEach
    void customerServiceKnowsTheDemoCustomersOnly() {
        customerService.resetAll();
        customerService.stubFor(WireMock.get(urlPathMatching("/customers/c0000000-0000-4000-8000-00000000000[1-6]"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/hal+json")
                        .withBody("{\"id\":\"" + ADA + "\",\"givenName\":\"Ada\",\"surname\":\"Lovelace\"}")));
        customerService.stubFor(WireMock.get("/customers/" + NOBODY).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":404}")));
    }

    @Test
    void startsWithDemoAccountsWhoseStatementsHaveLines() throws Exception {
        var statement = json(ada.get("/accounts/10000001/statement"));

        assertThat(statement.path("ownerName").asString()).isEqualTo("Ada Lovelace");
        assertThat(statement.path("degraded").asBoolean()).isFalse();
        assertThat(statement.path("lines").size()).isPositive();
    }

    @Test
    void opensAnAccountForTheCustomerItsUriNames() throws Exception {
        var opened = teller.post("/accounts", "{\"owner\":\"http://localhost:8080/customers/" + ADA + "\"}");

        assertThat(opened.statusCode()).isEqualTo(201);
        var account = json(opened);
        assertThat(opened.headers().firstValue("Location"))
                .contains(account.path("_links").path("self").path("href").asString());
        assertThat(opened.headers().firstValue("ETag")).contains("\"0\"");
        assertThat(account.path("balance").path("amount").asString()).isEqualTo("1000.00");
        assertThat(account.path("balance").path("currency").asString()).isEqualTo("EUR");
        assertThat(account.path("_links").path("owner").path("href").asString())
                .isEqualTo("http://customers.test/customers/" + ADA);
        var number = account.path("number").asString();
        assertThat(account.path("_links").path("statement").path("href").asString())
                .endsWith("/accounts/" + number + "/statement");

        var ofAda = json(ada.get("/accounts?owner=" + ADA + "&size=100"));
        assertThat(ofAda.path("_embedded").path("accounts").findValuesAsString("number")).contains(number);
    }

    @Test
    void refusesToOpenAnAccountForACustomerNobodyKnows() throws Exception {
        var before = totalAccounts();

        var refused = teller.post("/accounts", "{\"owner\":\"" + NOBODY + "\"}");

        assertProblem(refused, 422, "owner-not-found");
        assertThat(totalAccounts()).isEqualTo(before);
    }

    @Test
    void answers503WithRetryAfterAndOpensNothingWhenCustomerServiceFails() throws Exception {
        customerService.stubFor(WireMock.get("/customers/" + ADA).willReturn(aResponse().withStatus(500)));
        var before = totalAccounts();

        var refused = teller.post("/accounts", "{\"owner\":\"" + ADA + "\"}");

        assertProblem(refused, 503, "customer-service-unavailable");
        assertThat(refused.headers().firstValue("Retry-After")).contains("5");
        assertThat(totalAccounts()).isEqualTo(before);
    }

    @Autowired
    org.erlbank.account.statements.OwnerNameSource ownerNameSource;

    @Autowired
    io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry circuitBreakers;

    @Autowired
    org.erlbank.account.owners.FeedFollower feedFollower;

    /**
     * Switched to the replica, a statement is complete while customer-service cannot be asked for a name: it takes
     * the name the customer feed last told, and says so, and how old that is.
     */
    @Test
    void switchedToTheReplicaAStatementNeedsNoAnswerFromCustomerService() {
        customerService.resetAll();
        customerService.stubFor(WireMock.get("/customer-feed/from?position=1").willReturn(aResponse().withStatus(303)
                .withHeader("Location", "/customer-feed/pages/0")));
        customerService.stubFor(WireMock.get("/customer-feed/pages/0").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/hal+json").withBody("""
                        {"page":0,"full":false,"events":[
                          {"position":1,"type":"customer-registered","customerId":"%s","occurredAt":"2026-11-26T10:00:00Z",
                           "customer":{"givenName":"Ada","familyName":"Lovelace"}},
                          {"position":2,"type":"customer-renamed","customerId":"%s","occurredAt":"2026-11-26T11:00:00Z",
                           "customer":{"givenName":"Ada","familyName":"King"}}],
                         "_links":{"self":{"href":"x"}}}""".formatted(ADA, ADA))));
        customerService.stubFor(WireMock.get(urlPathMatching("/customers/.*")).willReturn(aResponse().withStatus(500)));
        feedFollower.catchUp();
        // At the head: the next poll asks from position 3 and gets the head page again, nothing new, no trouble.
        customerService.stubFor(WireMock.get("/customer-feed/from?position=3").willReturn(aResponse().withStatus(303)
                .withHeader("Location", "/customer-feed/pages/0")));
        feedFollower.poll();
        var management = new HttpTestClient(() -> managementPort);
        try {
            var switched = management.post("/actuator/ownernames", "{\"source\":\"replica\"}");
            assertThat(switched.statusCode()).isEqualTo(200);
            assertThat(json(switched).path("source").asString()).isEqualTo("replica");
            var replica = json(management.get("/actuator/ownernames")).path("replica");
            assertThat(replica.path("following").asBoolean()).isTrue();
            assertThat(replica.path("position").asLong()).isEqualTo(2);
            assertThat(replica.path("readAt").asString()).isNotBlank();
            assertThat(replica.path("trouble").isNull() || replica.path("trouble").isMissingNode()).as("%s", replica)
                    .isTrue();
            assertThat(management.get("/actuator/prometheus").body()).contains("erlbank_replica_position 2.0",
                    "erlbank_replica_age_seconds ");

            var statement = json(ada.get("/accounts/10000001/statement"));

            assertThat(statement.path("ownerName").asString()).isEqualTo("Ada King");
            assertThat(statement.path("degraded").asBoolean()).isFalse();
            assertThat(statement.path("ownerNameSource").asString()).isEqualTo("replica");
            assertThat(statement.path("ownerNameAsOf").asString()).isNotBlank();
            customerService.verify(0, WireMock.getRequestedFor(urlPathMatching("/customers/.*")));

            var refused = management.post("/actuator/ownernames", "{\"source\":\"guess\"}");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(json(management.get("/actuator/ownernames")).path("source").asString()).isEqualTo("replica");
        } finally {
            ownerNameSource.set(org.erlbank.account.statements.OwnerNameSource.Source.LOOKUP);
        }
        var lookedUp = json(ada.get("/accounts/10000001/statement"));
        assertThat(lookedUp.path("ownerNameSource").asString()).isEqualTo("lookup");
        assertThat(lookedUp.path("degraded").asBoolean()).isTrue();
    }

    /** Availability first: without customer-service a statement is still answered, marked degraded. */
    @Test
    void answersADegradedStatementWhenCustomerServiceIsTooSlow() {
        customerService.stubFor(WireMock.get("/customers/" + ADA).willReturn(aResponse().withStatus(200).withFixedDelay(8_000)
                .withHeader("Content-Type", "application/hal+json").withBody("{}")));

        var statement = ada.get("/accounts/10000001/statement");

        assertThat(statement.statusCode()).isEqualTo(200);
        var body = json(statement);
        assertThat(body.path("degraded").asBoolean()).isTrue();
        assertThat(body.has("ownerName")).isFalse();
        assertThat(body.path("degradation").asString()).isEqualTo(
                "customer-service is unavailable (it failed or did not answer in time); the owner's name is missing");
        assertThat(body.path("_links").path("owner").path("href").asString())
                .isEqualTo("http://customers.test/customers/" + ADA);
        assertThat(body.path("lines").size()).isPositive();
    }

    /** customer-service answers, but does not know the account's owner: the two services' data disagree. */
    @Test
    void answersBadGatewayForAStatementWhoseOwnerCustomerServiceDoesNotKnow() throws Exception {
        var number = openAccount();
        customerService.stubFor(WireMock.get("/customers/" + ADA).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":404}")));

        var refused = ada.get("/accounts/" + number + "/statement");

        assertProblem(refused, 502, "owner-unknown");
        assertThat(json(refused).path("detail").asString()).isEqualTo("customer-service does not know customer "
                + ADA + ", the owner of account " + number + ".");
    }

    @Test
    void transfersWithinTheBalanceAndShowsItOnBothSides() throws Exception {
        var from = openAccount();
        var to = openAccount();

        var booked = ada.post("/accounts/" + from + "/transfers", "{\"to\":\"" + to + "\",\"amount\":\"250.50\"}");

        assertThat(booked.statusCode()).isEqualTo(201);
        var transfer = json(booked);
        assertThat(transfer.path("amount").path("amount").asString()).isEqualTo("250.50");
        assertThat(transfer.path("_links").path("from").path("href").asString()).endsWith("/accounts/" + from);
        assertThat(transfer.path("_links").path("to").path("href").asString()).endsWith("/accounts/" + to);
        assertThat(json(ada.send(HttpRequest.newBuilder(URI.create(booked.headers().firstValue("Location").orElseThrow()))))
                .path("id").asString()).isEqualTo(transfer.path("id").asString());
        assertThat(balance(from)).isEqualTo("749.50");
        assertThat(balance(to)).isEqualTo("1250.50");

        var statement = json(ada.get("/accounts/" + to + "/statement"));
        assertThat(statement.path("balance").path("amount").asString()).isEqualTo("1250.50");
        var line = statement.path("lines").get(0);
        assertThat(line.path("direction").asString()).isEqualTo("IN");
        assertThat(line.path("counterparty").asString()).isEqualTo(from);
        assertThat(line.path("amount").path("amount").asString()).isEqualTo("250.50");
        assertThat(json(ada.get("/accounts/" + from + "/transfers")).path("_embedded").path("transfers").get(0)
                .path("id").asString()).isEqualTo(transfer.path("id").asString());
    }

    @Test
    void aRetriedTransferWithTheSameIdempotencyKeyIsBookedOnceAndAnsweredAsTheFirstTime() throws Exception {
        var from = openAccount();
        var to = openAccount();
        var key = UUID.randomUUID().toString();
        var body = "{\"to\":\"" + to + "\",\"amount\":\"10.00\"}";

        var first = ada.post("/accounts/" + from + "/transfers", body, key);
        var retry = ada.post("/accounts/" + from + "/transfers", body, key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(retry.headers().firstValue("Content-Type")).isEqualTo(first.headers().firstValue("Content-Type"));
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(balance(from)).isEqualTo("990.00");
        assertThat(json(ada.get("/accounts/" + from + "/transfers")).path("page").path("totalElements").asLong())
                .isEqualTo(1);

        assertProblem(ada.post("/accounts/" + from + "/transfers", body.replace("10.00", "11.00"), key),
                422, "idempotency-key-reused");
        assertProblem(ada.post("/accounts/" + from + "/transfers", body, "k".repeat(256)),
                400, "idempotency-key-invalid");
        assertThat(balance(from)).isEqualTo("990.00");
    }

    @Test
    void aFailedRequestLeavesItsIdempotencyKeyFreeForTheCorrectedOne() throws Exception {
        var from = openAccount();
        var to = openAccount();
        var key = UUID.randomUUID().toString();

        assertProblem(ada.post("/accounts/" + from + "/transfers", "{\"to\":\"" + to + "\",\"amount\":\"5000\"}",
                key), 422, "insufficient-funds");
        var corrected = ada.post("/accounts/" + from + "/transfers", "{\"to\":\"" + to + "\",\"amount\":\"50\"}",
                key);

        assertThat(corrected.statusCode()).isEqualTo(201);
        assertThat(balance(from)).isEqualTo("950.00");
    }

    @Test
    void aRequestWhoseIdempotencyKeyIsStillInFlightAnswers409() throws Exception {
        customerService.stubFor(WireMock.get("/customers/" + ADA).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/hal+json").withFixedDelay(1_000)
                .withBody("{\"id\":\"" + ADA + "\",\"givenName\":\"Ada\",\"surname\":\"Lovelace\"}")));
        var key = UUID.randomUUID().toString();
        var body = "{\"owner\":\"" + ADA + "\"}";
        var accountsBefore = json(teller.get("/accounts?size=1")).path("page").path("totalElements").asLong();

        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> teller.post("/accounts", body, key));
        // The first POST holds its key from before it asks customer-service about the owner until it is answered:
        // wait for that very lookup (WireMock logs it as it arrives), not for any request, since the replica polls
        // the same WireMock for the customer feed every second.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> !customerService.findAll(getRequestedFor(urlEqualTo("/customers/" + ADA))).isEmpty());
        assertProblem(teller.post("/accounts", body, key), 409, "idempotency-key-in-flight");

        assertThat(first.get().statusCode()).isEqualTo(201);
        var replay = teller.post("/accounts", body, key);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.headers().firstValue("Location")).isEqualTo(first.get().headers().firstValue("Location"));
        assertThat(json(teller.get("/accounts?size=1")).path("page").path("totalElements").asLong())
                .isEqualTo(accountsBefore + 1);
    }

    @Test
    void refusesATransferBeyondTheBalanceAndChangesNothing() throws Exception {
        var from = openAccount();
        var to = openAccount();

        assertProblem(ada.post("/accounts/" + from + "/transfers", "{\"to\":\"" + to + "\",\"amount\":\"1000.01\"}"),
                422, "insufficient-funds");
        assertProblem(ada.post("/accounts/" + from + "/transfers", "{\"to\":\"" + from + "\",\"amount\":\"1\"}"),
                422, "same-account");
        assertProblem(ada.post("/accounts/" + from + "/transfers", "{\"to\":\"99999999\",\"amount\":\"1\"}"),
                422, "receiver-account-not-found");
        assertProblem(ada.post("/accounts/99999999/transfers", "{\"to\":\"" + to + "\",\"amount\":\"1\"}"),
                404, "sender-account-not-found");

        assertThat(balance(from)).isEqualTo("1000.00");
        assertThat(balance(to)).isEqualTo("1000.00");
        assertThat(json(ada.get("/accounts/" + from + "/transfers")).path("page").path("totalElements").asLong()).isZero();
    }

    @Test
    void refusesAmountsThatAreNotMoney() throws Exception {
        var from = openAccount();
        var to = openAccount();
        for (var amount : List.of("\"1.005\"", "\"0\"", "\"-5\"", "\"1e3\"", "\"\"", "null", "{}")) {
            var refused = ada.post("/accounts/" + from + "/transfers", "{\"to\":\"" + to + "\",\"amount\":" + amount + "}");
            assertThat(refused.statusCode()).as("amount %s", amount).isEqualTo(400);
        }
        var unknownCurrency = ada.post("/accounts/" + from + "/transfers",
                "{\"to\":\"" + to + "\",\"amount\":\"1\",\"currency\":\"USD\"}");
        assertProblem(unknownCurrency, 400, "malformed-request");
        assertThat(balance(from)).isEqualTo("1000.00");
    }

    @Test
    void offersTheTransferAsHalFormsTemplate() throws Exception {
        var account = ada.send(HttpRequest.newBuilder(ada.uri("/accounts/10000001"))
                .header("Accept", "application/prs.hal-forms+json"));

        var template = json(account).path("_templates").path("makeTransfer");
        assertThat(template.path("method").asString()).isEqualTo("POST");
        assertThat(template.path("target").asString()).endsWith("/accounts/10000001/transfers");
        assertThat(template.path("properties").findValuesAsString("name")).contains("to", "amount", "currency");
    }

    /**
     * Fifty clients transfer between a few accounts at once over HTTP: each transfer is booked or refused as a
     * whole, some are booked (the first always is: no single amount exceeds a starting balance), and every balance
     * moved by exactly the booked ones, so the money stays where it was, in sum.
     */
    @Test
    void fiftyParallelTransfersKeepTheSumConstant() throws Exception {
        var numbers = List.of(openAccount(), openAccount(), openAccount());
        record Order(String from, String to, BigDecimal amount) {
        }
        var pool = Executors.newFixedThreadPool(16);
        var start = new CountDownLatch(1);
        var orders = new ArrayList<Order>();
        var statuses = new ArrayList<Future<Integer>>();
        try {
            for (int i = 0; i < 50; i++) {
                var order = new Order(numbers.get(i % 3), numbers.get((i + 1 + i / 3 % 2) % 3),
                        BigDecimal.valueOf(100 + i * 7, 0));
                // Every other one with an Idempotency-Key, as a client that retries sends it: then the whole request,
                // the owner's check before the rows are locked included, runs in one transaction.
                var keyed = i % 2 == 0;
                Callable<Integer> transfer = () -> {
                    start.await();
                    var path = "/accounts/" + order.from() + "/transfers";
                    var json = "{\"to\":\"" + order.to() + "\",\"amount\":\"" + order.amount().toPlainString() + "\"}";
                    return (keyed ? ada.post(path, json, java.util.UUID.randomUUID().toString()) : ada.post(path, json))
                            .statusCode();
                };
                orders.add(order);
                statuses.add(pool.submit(transfer));
            }
            start.countDown();
            for (var status : statuses) {
                assertThat(status.get(60, TimeUnit.SECONDS)).isIn(201, 422);
            }
        } finally {
            pool.shutdownNow();
        }

        var expected = new java.util.HashMap<String, BigDecimal>();
        numbers.forEach(number -> expected.put(number, new BigDecimal("1000.00")));
        int booked = 0;
        for (int i = 0; i < orders.size(); i++) {
            if (statuses.get(i).get() == 201) {
                var order = orders.get(i);
                expected.merge(order.from(), order.amount().negate(), BigDecimal::add);
                expected.merge(order.to(), order.amount(), BigDecimal::add);
                booked++;
            }
        }
        assertThat(booked).as("transfers booked").isPositive();
        var sum = BigDecimal.ZERO;
        for (var number : numbers) {
            var balance = new BigDecimal(balance(number));
            assertThat(balance).as("balance of %s", number).isNotNegative()
                    .isEqualByComparingTo(expected.get(number));
            sum = sum.add(balance);
        }
        assertThat(sum).isEqualByComparingTo("3000.00");
    }

    @Test
    void answersBadRequestsWithProblems() throws Exception {
        assertProblem(ada.get("/accounts/abc"), 400, "validation-failed");
        assertProblem(ada.get("/accounts/12345678"), 404, "account-not-found");
        assertProblem(ada.get("/transfers/" + UUID.randomUUID()), 404, "transfer-not-found");
        assertProblem(teller.post("/accounts", "{\"owner\":\"ftp://nowhere\"}"), 400, "validation-failed");
        assertProblem(teller.post("/accounts", "{\"owner\":\"" + ADA + "\",\"overdraft\":1000}"), 400, "validation-failed");
        assertProblem(teller.send(HttpRequest.newBuilder(teller.uri("/accounts")).header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("x"))), 415, "unsupported-media-type");
        assertProblem(ada.send(HttpRequest.newBuilder(ada.uri("/accounts/10000001")).header("Accept", "text/csv")),
                406, "not-acceptable");
        assertProblem(ada.send(HttpRequest.newBuilder(ada.uri("/accounts/10000001")).DELETE()), 405, "method-not-allowed");
    }

    /** The real answers, good and bad, are what the spec says they are. */
    @Test
    void answersAsItsSpecSays() {
        var spec = OpenApiSpec.at(Path.of("../api-specs/account-api-v1.yaml"));
        var opened = teller.post("/accounts", "{\"owner\":\"" + ADA + "\"}");
        var number = json(opened).path("number").asString();

        spec.assertAllows(opened, 201);
        spec.assertAllows(ada.get("/accounts?owner=" + ADA), 200);
        spec.assertAllows(ada.get("/accounts/" + number), 200);
        spec.assertAllows(ada.send(HttpRequest.newBuilder(ada.uri("/accounts/" + number))
                .header("Accept", "application/prs.hal-forms+json")), 200);
        var transfer = ada.post("/accounts/" + number + "/transfers", "{\"to\":\"10000001\",\"amount\":\"9.99\"}");
        spec.assertAllows(transfer, 201);
        spec.assertAllows(ada.send(HttpRequest.newBuilder(URI.create(transfer.headers().firstValue("Location")
                .orElseThrow()))), 200);
        spec.assertAllows(ada.get("/accounts/" + number + "/transfers"), 200);
        spec.assertAllows(ada.get("/accounts/" + number + "/statement"), 200);
        spec.assertAllows(ada.post("/accounts/" + number + "/transfers", "{\"to\":\"10000001\",\"amount\":\"99999\"}"),
                422);
        spec.assertAllows(teller.post("/accounts", "{\"owner\":\"" + NOBODY + "\"}"), 422);
        spec.assertAllows(ada.get("/accounts/12345678"), 404);
        // A client that asks for plain JSON gets the same HAL, labelled as it asked; a problem stays a problem.
        var hal = ada.send(HttpRequest.newBuilder(ada.uri("/accounts/" + number)).header("Accept", "application/hal+json"));
        var plain = ada.send(HttpRequest.newBuilder(ada.uri("/accounts/" + number)).header("Accept", "application/json"));
        spec.assertAllows(plain, 200);
        assertThat(plain.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(plain)).isEqualTo(json(hal));
        var missing = ada.send(HttpRequest.newBuilder(ada.uri("/accounts/12345678")).header("Accept", "application/json"));
        spec.assertAllows(missing, 404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        customerService.stubFor(WireMock.get("/customers/" + ADA).willReturn(aResponse().withStatus(500)));
        spec.assertAllows(ada.get("/accounts/" + number + "/statement"), 200);
    }

    /** As written, except that its OAuth2 flows name the issuer this service trusts (here on a random port). */
    @Test
    void servesItsSpecAsWrittenWithTheFlowsOnItsIssuer() throws Exception {
        var spec = anonymous.get("/api-specs/account-api-v1.yaml");

        assertThat(spec.statusCode()).isEqualTo(200);
        assertThat(spec.body()).isEqualTo(Files.readString(Path.of("../api-specs/account-api-v1.yaml"))
                .replace("http://localhost:9000/oauth2/", authServer.issuer() + "/oauth2/"));
        assertThat(spec.body()).contains("tokenUrl: " + authServer.issuer() + "/oauth2/token");
    }

    /** Its readiness on the API port, without a token: the gateway's load balancer asks {@code /readyz}. */
    @Test
    void answersItsReadinessOnTheApiPortWithoutAToken() {
        var ready = anonymous.get("/readyz");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).path("status").asString()).isEqualTo("UP");
        assertThat(json(ready).has("components")).isFalse();
    }

    // ---- who may do what (AccountAccess), per role ----------------------------------------------------------------

    @Test
    void answers401WithAChallengeWithoutAValidToken() throws Exception {
        var before = balance("10000001");
        var none = anonymous.get("/accounts/10000001");
        assertProblem(none, 401, "unauthorized");
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        for (var forgery : List.of(Forgery.EXPIRED, Forgery.ALG_NONE, Forgery.HS256_WITH_PUBLIC_KEY,
                Forgery.WRONG_ISSUER, Forgery.WRONG_AUDIENCE, Forgery.FOREIGN_KEY_UNDER_REAL_KID)) {
            var forged = new HttpTestClient(() -> port).as(() -> authServer.forge(forgery));
            var refused = forged.post("/accounts/10000001/transfers", "{\"to\":\"10000002\",\"amount\":\"1\"}");
            assertProblem(refused, 401, "unauthorized");
            assertThat(refused.headers().firstValue("WWW-Authenticate")).as("%s", forgery)
                    .contains("Bearer error=\"invalid_token\"");
        }
        assertThat(balance("10000001")).as("no transfer was booked").isEqualTo(before);
    }

    /** account-service serves people; another service's token has no business here. */
    @Test
    void refusesAServiceTokenEverywhere() {
        var service = new HttpTestClient(() -> port).as(() -> authServer.service("customer-service", "customers.read",
                "customers.feed").sign());

        assertProblem(service.get("/accounts"), 403, "forbidden");
        assertProblem(service.get("/accounts/10000001"), 403, "forbidden");
        assertProblem(service.get("/accounts/10000001/statement"), 403, "forbidden");
        assertProblem(service.post("/accounts", "{\"owner\":\"" + ADA + "\"}"), 403, "forbidden");
        assertProblem(service.post("/accounts/10000001/transfers", "{\"to\":\"10000002\",\"amount\":\"1\"}"), 403,
                "forbidden");
    }

    /** A customer's list holds her accounts only; asking for another customer's gets her an empty page. */
    @Test
    void aCustomerListsOnlyHerOwnAccounts() {
        var mine = json(ada.get("/accounts?size=100"));
        assertThat(mine.path("_embedded").path("accounts").findValuesAsString("number")).contains("10000001")
                .doesNotContain("10000002", "10000003");
        assertThat(mine.path("_embedded").path("accounts").findValues("owner"))
                .allSatisfy(owner -> assertThat(owner.path("href").asString()).endsWith("/customers/" + ADA));
        assertThat(json(ada.get("/accounts?owner=" + ADA + "&size=100")).path("_embedded"))
                .isEqualTo(mine.path("_embedded"));

        var others = json(ada.get("/accounts?owner=" + CUSTOMER_2));
        assertThat(others.path("page").path("totalElements").asLong()).isZero();
        assertThat(others.path("_embedded").path("accounts").size()).isZero();

        assertThat(json(teller.get("/accounts?size=1")).path("page").path("totalElements").asLong())
                .as("the teller's list holds everybody's").isGreaterThan(mine.path("page").path("totalElements")
                        .asLong());
    }

    /** Another customer's account, its transfers and statement are not found, exactly as a missing account. */
    @Test
    void anotherCustomersAccountIsNotFoundLikeOneThatDoesNotExist() {
        var others = customer2.get("/accounts/10000001");
        var missing = customer2.get("/accounts/12345678");

        assertProblem(others, 404, "account-not-found");
        assertThat(fieldsOf(json(others))).isEqualTo(fieldsOf(json(missing)));
        assertThat(json(others).path("detail").asString()).isEqualTo(json(missing).path("detail").asString()
                .replace("12345678", "10000001"));
        assertProblem(customer2.get("/accounts/10000001/transfers"), 404, "account-not-found");
        var lookupsBefore = customerService.findAll(getRequestedFor(urlPathMatching("/customers/.*"))).size();
        assertProblem(customer2.get("/accounts/10000001/statement"), 404, "account-not-found");
        assertThat(customerService.findAll(getRequestedFor(urlPathMatching("/customers/.*"))))
                .as("customer-service was not asked for the name on someone else's statement").hasSize(lookupsBefore);
    }

    /** Money leaves an account only at its owner's order; anyone else's order is one from an unknown account. */
    @Test
    void aCustomerMovesMoneyOnlyFromHerOwnAccounts() throws Exception {
        var from = openAccount();

        var others = customer2.post("/accounts/" + from + "/transfers", "{\"to\":\"10000002\",\"amount\":\"100\"}");
        var missing = customer2.post("/accounts/99999999/transfers", "{\"to\":\"10000002\",\"amount\":\"100\"}");

        assertProblem(others, 404, "sender-account-not-found");
        assertThat(fieldsOf(json(others))).isEqualTo(fieldsOf(json(missing)));
        assertThat(balance(from)).isEqualTo("1000.00");
        assertThat(ada.post("/accounts/" + from + "/transfers", "{\"to\":\"10000002\",\"amount\":\"100\"}")
                .statusCode()).as("to any existing account, another customer's too").isEqualTo(201);
        assertThat(balance(from)).isEqualTo("900.00");
    }

    /** A transfer is seen by the owners of its two accounts, each linked to her own side only; by nobody else. */
    @Test
    void aTransferIsSeenByTheCustomersOnItsTwoSidesOnly() throws Exception {
        var from = openAccount();
        var booked = json(ada.post("/accounts/" + from + "/transfers", "{\"to\":\"10000002\",\"amount\":\"5\"}"));
        var path = "/transfers/" + booked.path("id").asString();

        var senders = json(ada.get(path));
        assertThat(senders.path("_links").has("from")).isTrue();
        assertThat(senders.path("_links").has("to")).as("the receiving account is not hers").isFalse();
        var receivers = customer2.get(path);
        assertThat(receivers.statusCode()).isEqualTo(200);
        assertThat(json(receivers).path("from").asString()).isEqualTo(from);
        assertThat(json(receivers).path("_links").has("from")).as("the sending account is not hers").isFalse();
        assertThat(json(receivers).path("_links").path("to").path("href").asString()).endsWith("/accounts/10000002");
        assertProblem(customer3.get(path), 404, "transfer-not-found");
        assertThat(json(teller.get(path)).path("_links").has("from")).isTrue();
        assertThat(json(teller.get(path)).path("_links").has("to")).isTrue();

        var inList = json(customer2.get("/accounts/10000002/transfers")).path("_embedded").path("transfers");
        assertThat(inList.findValuesAsString("id")).contains(booked.path("id").asString());
    }

    /** Ada is offered a transfer from her own account, and the template she is offered works as it says. */
    @Test
    void aCustomerIsOfferedTransfersFromHerAccountsOnlyAndTheTemplateIsAccepted() throws Exception {
        var from = openAccount();
        var account = json(ada.send(halForms("/accounts/" + from)));
        var template = account.path("_templates").path("makeTransfer");
        assertThat(template.isMissingNode()).as("%s", account).isFalse();

        var submitted = ada.send(HttpRequest.newBuilder(URI.create(template.path("target").asString()))
                .method(template.path("method").asString(),
                        BodyPublishers.ofString("{\"to\":\"10000001\",\"amount\":\"1.50\",\"currency\":\"EUR\"}"))
                .header("Content-Type", template.path("contentType").asString("application/json")));

        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        assertThat(balance(from)).isEqualTo("998.50");
        // Not on someone else's account (she cannot see it), and not on her list: she opens no accounts.
        assertThat(json(customer2.send(halForms("/accounts/10000002"))).path("_templates").has("makeTransfer"))
                .isTrue();
        assertThat(json(ada.send(halForms("/accounts"))).path("_templates").has("openAccount")).isFalse();
        assertProblem(ada.post("/accounts", "{\"owner\":\"" + ADA + "\"}"), 403, "forbidden");
    }

    /** The teller reads everything and opens accounts through the template she is offered, but moves no money. */
    @Test
    void aTellerOpensAccountsThroughHerTemplateReadsEverythingAndMovesNoMoney() throws Exception {
        var list = json(teller.send(halForms("/accounts")));
        var template = list.path("_templates").path("openAccount");
        assertThat(template.isMissingNode()).as("%s", list).isFalse();

        var opened = teller.send(HttpRequest.newBuilder(URI.create(template.path("target")
                .asString(list.path("_links").path("self").path("href").asString())))
                .method(template.path("method").asString(), BodyPublishers.ofString("{\"owner\":\"" + CUSTOMER_3 + "\"}"))
                .header("Content-Type", "application/json"));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        var number = json(opened).path("number").asString();

        var account = json(teller.send(halForms("/accounts/" + number)));
        assertThat(account.path("_templates").has("makeTransfer")).as("no money moves at a teller's order").isFalse();
        assertProblem(teller.post("/accounts/" + number + "/transfers", "{\"to\":\"10000001\",\"amount\":\"1\"}"),
                403, "forbidden");
        assertThat(json(customer3.get("/accounts/" + number)).path("balance").path("amount").asString())
                .isEqualTo("1000.00");
        assertThat(teller.get("/accounts/10000002/statement").statusCode()).isEqualTo(200);
        assertThat(teller.get("/accounts/10000003/transfers").statusCode()).isEqualTo(200);
    }

    /** customer-service is asked with account-service's own token, for customer reads only, never with the user's. */
    @Test
    void asksCustomerServiceWithItsOwnTokenNotTheCallers() throws Exception {
        assertThat(json(ada.get("/accounts/10000001/statement")).path("ownerName").asString())
                .isEqualTo("Ada Lovelace");

        var lookups = customerService.findAll(getRequestedFor(urlPathMatching("/customers/.*")));
        assertThat(lookups).isNotEmpty();
        for (var lookup : lookups) {
            var claims = claimsOf(lookup.getHeader("Authorization"));
            assertThat(claims.getSubject()).isEqualTo("account-service");
            assertThat(claims.getStringListClaim("scope")).containsExactly("customers.read");
            assertThat(claims.getClaim("customer_id")).isNull();
        }
    }

    /**
     * auth-server down while account-service needs a new token (customer-service turned the old one down) is
     * customer-service unreachable: the statement is answered, degraded, as when customer-service is down.
     */
    @Test
    void answersADegradedStatementWhenAuthServerCannotGiveItAToken() {
        assertThat(ada.get("/accounts/10000001").statusCode()).as("the callers' keys are read and kept").isEqualTo(200);
        customerService.stubFor(WireMock.get("/customers/" + ADA).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")));
        authServer.failing(true);
        var authServerGuard = circuitBreakers.circuitBreaker(org.erlbank.account.customers.ServiceTokens.AUTH_SERVER);
        try {
            var statement = ada.get("/accounts/10000001/statement");

            assertThat(statement.statusCode()).isEqualTo(200);
            assertThat(json(statement).path("degraded").asBoolean()).isTrue();
            assertThat(json(statement).path("degradation").asString()).isEqualTo(
                    "customer-service is unavailable (it failed or did not answer in time); the owner's name is"
                            + " missing");
            assertThat(authServerGuard.getState()).as("asking auth-server paused after its failure")
                    .isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN);
        } finally {
            authServer.failing(false);
            // The tests after this one find auth-server trusted again, not in the pause that follows a failure.
            authServerGuard.reset();
        }
    }

    /**
     * {@code /actuator/servicetokens}: which of its own tokens account-service holds and until when, never the token;
     * DELETE drops them, and the next lookup fetches a new one.
     */
    @Test
    void theManagementPortTellsWhichServiceTokensAreHeldAndForgetsThem() throws Exception {
        var management = new HttpTestClient(() -> managementPort);
        management.send(HttpRequest.newBuilder(management.uri("/actuator/servicetokens")).DELETE());
        assertThat(json(ada.get("/accounts/10000001/statement")).path("ownerName").asString())
                .isEqualTo("Ada Lovelace");

        var shown = management.get("/actuator/servicetokens");

        assertThat(shown.statusCode()).isEqualTo(200);
        var lookups = json(shown).path("tokens").path("customer-lookups");
        assertThat(lookups.path("held").asBoolean()).as(shown.body()).isTrue();
        assertThat(java.time.Instant.parse(lookups.path("expiresAt").asString())).isAfter(java.time.Instant.now());
        assertThat(lookups.path("scopes").toString()).isEqualTo("[\"customers.read\"]");
        assertThat(json(shown).path("tokens").has("customer-feed")).as(shown.body()).isTrue();
        var sent = customerService.findAll(getRequestedFor(urlPathMatching("/customers/.*")));
        var token = sent.get(sent.size() - 1).getHeader("Authorization").substring("Bearer ".length());
        assertThat(shown.body()).doesNotContain(token);

        var deleted = management.send(HttpRequest.newBuilder(management.uri("/actuator/servicetokens")).DELETE());

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(json(deleted).path("forgotten").asInt()).isPositive();
        assertThat(json(management.get("/actuator/servicetokens")).path("tokens").path("customer-lookups")
                .path("held").asBoolean()).isFalse();
        assertThat(json(ada.get("/accounts/10000001/statement")).path("ownerName").asString())
                .isEqualTo("Ada Lovelace");
        var after = customerService.findAll(getRequestedFor(urlPathMatching("/customers/.*")));
        assertThat(after.get(after.size() - 1).getHeader("Authorization")).as("a new token after it was forgotten")
                .isNotEqualTo("Bearer " + token);
    }

    private HttpRequest.Builder halForms(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/prs.hal-forms+json");
    }

    private static java.util.Set<String> fieldsOf(tools.jackson.databind.JsonNode problem) {
        var names = new java.util.TreeSet<String>();
        problem.propertyNames().forEach(names::add);
        return names;
    }

    private static com.nimbusds.jwt.JWTClaimsSet claimsOf(String authorization) throws Exception {
        assertThat(authorization).startsWith("Bearer ");
        return com.nimbusds.jwt.SignedJWT.parse(authorization.substring("Bearer ".length())).getJWTClaimsSet();
    }

    private String openAccount() throws Exception {
        var opened = teller.post("/accounts", "{\"owner\":\"" + ADA + "\"}");
        assertThat(opened.statusCode()).isEqualTo(201);
        return json(opened).path("number").asString();
    }

    private String balance(String account) throws Exception {
        return json(ada.get("/accounts/" + account)).path("balance").path("amount").asString();
    }

    private long totalAccounts() throws Exception {
        return json(teller.get("/accounts?size=1")).path("page").path("totalElements").asLong();
    }
}
