package org.erlbank.account;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.erlbank.account.customers.ProtectionSwitch;
import org.erlbank.testing.security.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Temporal coupling, in one service: account-service on a small pool of request threads, customer-service (WireMock)
 * far slower than it should be, and as many statements at once as there are threads. Protected, the bulkhead keeps
 * the customer calls to two threads and plain account reads keep answering; unprotected, the statements take every
 * thread and a plain read, which never needs customer-service, waits behind them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.datasource.url=jdbc:h2:mem:slow-customer-service;DB_CLOSE_DELAY=-1",
                "server.tomcat.threads.max=8",
                "erlbank.customer-service.read-timeout=1500ms",
                "resilience4j.bulkhead.instances.customer-service.max-concurrent-calls=2",
                "erlbank.idempotency.lock=2s" })
class SlowCustomerServiceTest {

    /** Far beyond the read timeout, and beyond how long a plain read may take here. */
    private static final int CUSTOMER_SERVICE_DELAY_MS = 6_000;
    private static final int STATEMENTS_AT_ONCE = 8; // as many as account-service has threads
    private static final Duration PLAIN_READ_PATIENCE = Duration.ofSeconds(3);

    private static final WireMockServer customerService =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(64));
    private static final TestIssuer authServer = TestIssuer.start()
            .client("account-service", "account-service-secret", "customers.read", "customers.feed");
    /** The owner of account 10000001, who reads its statements. */
    private static final UUID ADA = UUID.fromString("c0000000-0000-4000-8000-000000000001");

    static {
        customerService.start();
    }

    @DynamicPropertySource
    static void customerServiceUrl(DynamicPropertyRegistry registry) {
        registry.add("erlbank.customer-service.url", customerService::baseUrl);
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

    @Autowired
    ProtectionSwitch protection;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<CompletableFuture<HttpResponse<String>>> statements = new ArrayList<>();

    @BeforeEach
    void customerServiceIsSlow() {
        customerService.resetAll();
        customerService.stubFor(WireMock.get(urlPathMatching("/customers/.*")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/hal+json")
                .withBody("{\"givenName\":\"Ada\",\"surname\":\"Lovelace\"}")
                .withFixedDelay(CUSTOMER_SERVICE_DELAY_MS)));
    }

    @AfterEach
    void letTheStatementsFinish() {
        statements.forEach(CompletableFuture::join);
        protection.set(true);
    }

    @Test
    void protectedTheBulkheadKeepsPlainReadsAnswering() throws Exception {
        protection.set(true);
        sendStatements();
        // Two of them wait for customer-service, a thread each (the bulkhead's bound); the others were turned away
        // at once and answered without the owner's name.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> lookups() >= 2 && answered() >= STATEMENTS_AT_ONCE - 2);

        var plainRead = get("/accounts/10000002", PLAIN_READ_PATIENCE, teller());

        assertThat(plainRead.statusCode()).isEqualTo(200);
        var answered = statements.stream().map(CompletableFuture::join).toList();
        assertThat(answered).allSatisfy(statement -> {
            assertThat(statement.statusCode()).isEqualTo(200);
            assertThat(statement.body()).contains("\"degraded\":true");
        });
        // account-service asked as itself, with its own token for customer reads, not with Ada's.
        assertThat(customerService.findAll(getRequestedFor(urlPathMatching("/customers/.*")))).isNotEmpty()
                .allSatisfy(lookup -> {
                    var claims = SignedJWT.parse(lookup.getHeader("Authorization").substring("Bearer ".length()))
                            .getJWTClaimsSet();
                    assertThat(claims.getSubject()).isEqualTo("account-service");
                    assertThat(claims.getStringListClaim("scope")).containsExactly("customers.read");
                });
    }

    @Test
    void unprotectedTheStatementsTakeEveryThreadAndPlainReadsWait() throws Exception {
        protection.set(false);
        sendStatements();
        // Every one of them waits for customer-service, holding a thread.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> lookups() == STATEMENTS_AT_ONCE);

        assertThatThrownBy(() -> get("/accounts/10000002", PLAIN_READ_PATIENCE, teller()))
                .as("a plain read waits for a thread the slow statements hold")
                .isInstanceOf(HttpTimeoutException.class);
        var answered = statements.stream().map(CompletableFuture::join).toList();
        assertThat(answered).allSatisfy(statement -> {
            assertThat(statement.statusCode()).isEqualTo(200);
            assertThat(statement.body()).contains("\"ownerName\":\"Ada Lovelace\"");
        });
    }

    /**
     * A keyed request that outlives its key's lock (2 s here) may not commit, since another request may have taken
     * its key over: it answers 503 busy, and nothing is written.
     */
    @Test
    void aKeyedRequestThatOutlivesItsLockCommitsNothing() throws Exception {
        protection.set(false); // no timeout: the owner check waits the whole 6 s
        var accountsBefore = accounts();

        var opened = client.send(request("/accounts", Duration.ofSeconds(30), teller())
                .header("Content-Type", "application/json").header("Idempotency-Key", "slow-opening")
                .POST(HttpRequest.BodyPublishers.ofString("{\"owner\":\"c0000000-0000-4000-8000-000000000001\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(503);
        assertThat(opened.body()).contains("https://erlbank.example/problems/busy");
        assertThat(accounts()).isEqualTo(accountsBefore);
    }

    private String accounts() throws Exception {
        var page = get("/accounts?size=1", Duration.ofSeconds(10), teller()).body();
        return page.replaceAll("(?s).*\"totalElements\":(\\d+).*", "$1");
    }

    /** As many statements as account-service has threads. */
    private void sendStatements() {
        for (int i = 0; i < STATEMENTS_AT_ONCE; i++) {
            statements.add(client.sendAsync(request("/accounts/10000001/statement", Duration.ofSeconds(30),
                    authServer.customer(ADA).sign()).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
    }

    /**
     * The statements' owner lookups that reached customer-service (WireMock logs a request as it arrives, before its
     * delay), not the replica's polls of the customer feed, which reach the same WireMock.
     */
    private int lookups() {
        return customerService.findAll(getRequestedFor(urlPathMatching("/customers/.*"))).size();
    }

    private long answered() {
        return statements.stream().filter(CompletableFuture::isDone).count();
    }

    private HttpResponse<String> get(String path, Duration patience, String token) throws Exception {
        return client.send(request(path, patience, token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, Duration timeout, String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/hal+json").header("Authorization", "Bearer " + token)
                .timeout(timeout);
    }

    /** A teller's token: she reads every account (a plain read, 10000002 here) and opens accounts. */
    private static String teller() {
        return authServer.teller("teller").sign();
    }
}
