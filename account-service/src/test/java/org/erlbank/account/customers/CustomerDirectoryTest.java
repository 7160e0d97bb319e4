package org.erlbank.account.customers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jwt.SignedJWT;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.erlbank.testing.security.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * The generated customer client as account-service configures and guards it, against a stand-in customer-service
 * that misbehaves in every way a real one can, with account-service's own token from a stand-in auth-server that
 * misbehaves too.
 */
class CustomerDirectoryTest {

    private static final UUID ADA = UUID.fromString("c0000000-0000-4000-8000-000000000001");
    private static final String PATH = "/customers/" + ADA;
    // Generous for a loaded two-core machine, and still far below the slow stub's delay.
    private static final Duration READ_TIMEOUT = Duration.ofMillis(1_500);

    private static final WireMockServer customerService =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private static final TestIssuer authServer = TestIssuer.start();
    private static final Duration TOKEN_READ_TIMEOUT = Duration.ofSeconds(1);

    private CustomerDirectory directory;
    /** Where the directories made from now on get their tokens. */
    private URI tokenUri;
    private int tokenRequestsBefore;
    /** The guards of the last directory made, to read their state. */
    private BulkheadRegistry bulkheads;
    /** Observations that are kept (a handler that takes every one), as a tracer's would be. */
    private final ObservationRegistry observations = ObservationRegistry.create();

    {
        observations.observationConfig().observationHandler(context -> true);
    }
    private CircuitBreakerRegistry circuitBreakers;
    /** The tokens of the last directory made. */
    private ServiceTokens serviceTokens;
    /** The first pause after a failed token request, for the directories made from now on. */
    private Duration tokenBackoff;

    @BeforeAll
    static void start() {
        customerService.start();
        authServer.client("account-service", "account-service-secret", "customers.read", "customers.feed");
    }

    @AfterAll
    static void stop() {
        customerService.stop();
        authServer.stop();
    }

    @BeforeEach
    void reset() {
        customerService.resetAll();
        authServer.failing(false);
        authServer.tokenDelay(Duration.ZERO);
        authServer.tokenLifetime(TestIssuer.DEFAULT_TOKEN_LIFETIME);
        tokenRequestsBefore = authServer.tokenRequests();
        tokenUri = authServer.tokenUri();
        tokenBackoff = Duration.ofSeconds(1);
        directory = directoryAt(URI.create(customerService.baseUrl()));
    }

    @Test
    void findsAnExistingCustomerAndReadsTheNameFromHal() {
        customerService.stubFor(get(PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/hal+json")
                .withBody("""
                        {"id":"%s","givenName":"Ada","surname":"Lovelace","since":"1815",
                         "_links":{"self":{"href":"http://elsewhere/customers/%s"}}}""".formatted(ADA, ADA))));

        assertThat(directory.find(new CustomerId(ADA))).contains(new CustomerName("Ada", "Lovelace"));
        customerService.verify(getRequestedFor(urlEqualTo(PATH)));
    }

    /** customer-service's deprecation notice reaches account-service's log, once, not once per call. */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void tellsOnceThatCustomerServiceDeprecatedTheApiItUses(CapturedOutput output) {
        customerService.stubFor(get(PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/hal+json")
                .withHeader("Deprecation", "@1795651200")
                .withHeader("Sunset", "Tue, 30 Nov 2027 00:00:00 GMT")
                .withHeader("Link", "<http://gateway/v2/customers/" + ADA + ">;rel=\"successor-version\"",
                        "<http://gateway/docs/customer-api-v1-deprecation.html>;rel=\"deprecation\"")
                .withBody("{\"id\":\"%s\",\"givenName\":\"Ada\",\"surname\":\"Lovelace\"}".formatted(ADA))));

        assertThat(directory.find(new CustomerId(ADA))).contains(new CustomerName("Ada", "Lovelace"));
        assertThat(directory.find(new CustomerId(ADA))).contains(new CustomerName("Ada", "Lovelace"));

        var notices = output.getAll().lines().filter(line -> line.contains("WARN")
                && line.contains("is deprecated (Deprecation: @1795651200, Sunset: Tue, 30 Nov 2027 00:00:00 GMT)"))
                .toList();
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0)).contains("GET " + PATH, "<http://gateway/v2/customers/" + ADA + ">");
    }

    @Test
    void findsNothingWhenCustomerServiceAnswers404() {
        customerService.stubFor(get(PATH).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://erlbank.example/problems/customer-not-found\",\"status\":404}")));

        assertThat(directory.find(new CustomerId(ADA))).isEmpty();
    }

    @Test
    void givesUpAfterTheReadTimeoutWhenCustomerServiceIsSlow() {
        customerService.stubFor(get(PATH).willReturn(aResponse().withStatus(200).withFixedDelay(8_000)
                .withHeader("Content-Type", "application/hal+json")
                .withBody("{\"id\":\"%s\",\"givenName\":\"Ada\",\"surname\":\"Lovelace\"}".formatted(ADA))));
        long start = System.nanoTime();

        assertUnavailable();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(6_000));
    }

    @Test
    void treatsAServerErrorAsUnavailability() {
        customerService.stubFor(get(PATH).willReturn(aResponse().withStatus(500)));

        assertUnavailable();
    }

    @Test
    void treatsABodyThatIsNotJsonAsUnavailability() {
        customerService.stubFor(get(PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/hal+json").withBody("<html>oops</html>")));

        assertUnavailable();
    }

    @Test
    void treatsAnAnswerWithoutANameAsUnavailability() {
        customerService.stubFor(get(PATH).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/hal+json").withBody("{\"id\":\"%s\"}".formatted(ADA))));

        assertUnavailable();
    }

    @Test
    void treatsADroppedConnectionAsUnavailability() {
        customerService.stubFor(get(PATH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertUnavailable();
    }

    @Test
    void treatsARefusedConnectionAsUnavailability() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        directory = directoryAt(URI.create("http://127.0.0.1:" + closedPort));

        assertUnavailable();
    }

    private void assertUnavailable() {
        assertThatThrownBy(() -> directory.find(new CustomerId(ADA)))
                .isInstanceOf(CustomerServiceUnavailableException.class)
                .satisfies(e -> assertThat(((CustomerServiceUnavailableException) e).retryAfter())
                        .isEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void retriesAFailedLookupOnce() {
        customerService.stubFor(get(PATH).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        customerService.stubFor(get(PATH).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(ada()));

        assertThat(directory.find(new CustomerId(ADA))).contains(new CustomerName("Ada", "Lovelace"));
        customerService.verify(2, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void doesNotRetryACustomerNobodyKnows() {
        customerService.stubFor(get(PATH).willReturn(aResponse().withStatus(404)));

        assertThat(directory.find(new CustomerId(ADA))).isEmpty();
        customerService.verify(1, getRequestedFor(urlEqualTo(PATH)));
    }

    /** A trace viewer shows on the request's span why its statement was degraded, or that it was not. */
    @Test
    void tellsTheRequestsObservationWhatBecameOfAskingCustomerService() {
        customerService.stubFor(get(PATH).willReturn(ada()));
        assertThat(decisionOf(() -> directory.find(new CustomerId(ADA)))).isEqualTo("answered, 1 call");

        customerService.stubFor(get(PATH).willReturn(aResponse().withStatus(500)));
        assertThat(decisionOf(this::assertUnavailable)).as("a call and its retry").isEqualTo("failed, 2 calls");
        assertUnavailable();
        assertThat(circuitBreakers.circuitBreaker(CustomerDirectory.GUARD).getState()).isEqualTo(State.OPEN);
        assertThat(decisionOf(this::assertUnavailable)).isEqualTo("breaker-open, 0 calls");
    }

    private String decisionOf(Runnable call) {
        var request = io.micrometer.observation.Observation.start("http.server.requests", observations);
        try (var scope = request.openScope()) {
            call.run();
        } finally {
            request.stop();
        }
        var context = request.getContext();
        assertThat(context.getHighCardinalityKeyValue(CustomerDirectory.GUARDED).getValue()).isEqualTo("true");
        var calls = context.getHighCardinalityKeyValue(CustomerDirectory.CALLS).getValue();
        return context.getHighCardinalityKeyValue(CustomerDirectory.DECISION).getValue() + ", " + calls
                + (calls.equals("1") ? " call" : " calls");
    }

    @Test
    void opensTheBreakerAfterRepeatedFailuresAndThenAnswersWithoutCalling() {
        customerService.stubFor(get(PATH).willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 2; i++) {
            assertUnavailable();
        }
        assertThat(customerService.countRequestsMatching(getRequestedFor(urlEqualTo(PATH)).build()).getCount())
                .as("calls while the breaker was closed, a retry each").isEqualTo(4);
        assertThat(circuitBreakers.circuitBreaker(CustomerDirectory.GUARD).getState()).isEqualTo(State.OPEN);
        // Were it called now, customer-service would keep the call until the read timeout cut it off.
        customerService.stubFor(get(PATH).willReturn(ada().withFixedDelay(8_000)));
        long start = System.nanoTime();

        assertThatThrownBy(() -> directory.find(new CustomerId(ADA)))
                .isInstanceOf(CustomerServiceUnavailableException.class)
                .hasMessageContaining("circuit breaker is open")
                .extracting(e -> ((CustomerServiceUnavailableException) e).publicReason())
                .isEqualTo(CustomerDirectory.BREAKER_OPEN);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answered without waiting for customer-service")
                .isLessThan(READ_TIMEOUT);
        customerService.verify(4, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void theBulkheadTurnsAwayCallsBeyondItsBoundAtOnce() throws Exception {
        // Calls held for seconds (a patient directory waits for them), far longer than turning one away takes.
        directory = directoryAt(URI.create(customerService.baseUrl()), new ProtectionSwitch(true),
                Duration.ofSeconds(10));
        customerService.stubFor(get(PATH).willReturn(ada().withFixedDelay(3_000)));
        var bulkhead = bulkheads.bulkhead(CustomerDirectory.GUARD);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> directory.find(new CustomerId(ADA)));
            var second = pool.submit(() -> directory.find(new CustomerId(ADA)));
            // Both calls hold the bulkhead's permits and wait for customer-service.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                    .until(() -> bulkhead.getMetrics().getAvailableConcurrentCalls() == 0
                            && customerService.findAll(getRequestedFor(urlEqualTo(PATH))).size() == 2);

            assertThatThrownBy(() -> directory.find(new CustomerId(ADA)))
                    .isInstanceOf(CustomerServiceUnavailableException.class)
                    .hasMessageContaining("in flight");

            assertThat(first).as("turned away while the calls it could have waited for were still in flight")
                    .isNotDone();
            assertThat(second).isNotDone();
            assertThat(customerService.findAll(getRequestedFor(urlEqualTo(PATH)))).as("calls to customer-service")
                    .hasSize(2);
            assertThat(first.get()).isPresent();
            assertThat(second.get()).isPresent();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withoutProtectionEveryLookupGoesToCustomerService() {
        customerService.stubFor(get(PATH).willReturn(aResponse().withStatus(500)));
        directory = directoryAt(URI.create(customerService.baseUrl()), false);

        for (int i = 0; i < 6; i++) {
            assertUnavailable();
        }

        customerService.verify(6, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void withoutProtectionALookupWaitsAsLongAsCustomerServiceTakes() {
        customerService.stubFor(get(PATH).willReturn(ada().withFixedDelay((int) READ_TIMEOUT.toMillis() + 1_000)));
        directory = directoryAt(URI.create(customerService.baseUrl()), false);
        long start = System.nanoTime();

        assertThat(directory.find(new CustomerId(ADA))).contains(new CustomerName("Ada", "Lovelace"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no read timeout cut it off")
                .isGreaterThan(READ_TIMEOUT);
    }

    @Test
    void theSwitchTurnsProtectionOffAndOnAtRuntime() {
        customerService.stubFor(get(PATH).willReturn(aResponse().withStatus(500)));
        var protection = new ProtectionSwitch(true);
        directory = directoryAt(URI.create(customerService.baseUrl()), protection);
        for (int i = 0; i < 2; i++) { // the breaker opens
            assertUnavailable();
        }
        customerService.resetRequests();
        assertUnavailable();
        customerService.verify(0, getRequestedFor(urlEqualTo(PATH)));

        protection.set(false);
        assertUnavailable();
        assertUnavailable();
        customerService.verify(2, getRequestedFor(urlEqualTo(PATH)));

        protection.set(true);
        assertUnavailable();
        customerService.verify(2, getRequestedFor(urlEqualTo(PATH)));
    }

    /** account-service asks as itself: its own token, for reading customers only, whoever's request it serves. */
    @Test
    void callsWithItsOwnTokenForReadingCustomers() throws Exception {
        customerService.stubFor(get(PATH).willReturn(ada()));

        assertThat(directory.find(new CustomerId(ADA))).isPresent();

        customerService.verify(getRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", matching("Bearer .+")));
        var claims = SignedJWT.parse(bearerTokens().get(0)).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("account-service");
        assertThat(claims.getIssuer()).isEqualTo(authServer.issuer());
        assertThat(claims.getStringListClaim("scope")).containsExactly("customers.read");
    }

    @Test
    void getsOneTokenForManyCalls() {
        customerService.stubFor(get(PATH).willReturn(ada()));

        for (int i = 0; i < 5; i++) {
            assertThat(directory.find(new CustomerId(ADA))).isPresent();
        }

        assertThat(tokenRequests()).isEqualTo(1);
        assertThat(bearerTokens()).hasSize(5).containsOnly(bearerTokens().get(0));
    }

    /** A token that expires within the clock skew (30 s) is renewed before the call, not sent to be refused. */
    @Test
    void renewsATokenBeforeItExpires() {
        authServer.tokenLifetime(Duration.ofSeconds(20));
        customerService.stubFor(get(PATH).willReturn(ada()));

        directory.find(new CustomerId(ADA));
        directory.find(new CustomerId(ADA));

        assertThat(tokenRequests()).isEqualTo(2);
        assertThat(bearerTokens()).doesNotHaveDuplicates();
    }

    /** A token customer-service turns down as invalid is dropped: the retry gets a new one. */
    @Test
    void replacesATokenCustomerServiceTurnsDown() {
        customerService.stubFor(get(PATH).inScenario("revoked").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""))
                .willSetStateTo("renewed"));
        customerService.stubFor(get(PATH).inScenario("revoked").whenScenarioStateIs("renewed").willReturn(ada()));

        assertThat(directory.find(new CustomerId(ADA))).contains(new CustomerName("Ada", "Lovelace"));

        assertThat(tokenRequests()).isEqualTo(2);
        assertThat(bearerTokens()).hasSize(2).doesNotHaveDuplicates();
    }

    /** auth-server down is customer-service unreachable: same exception, same guard, and customer-service not called. */
    @Test
    void treatsAnAuthServerThatIsDownAsUnavailability() throws Exception {
        tokenUri = URI.create("http://127.0.0.1:" + closedPort() + "/oauth2/token");
        directory = directoryAt(URI.create(customerService.baseUrl()));
        customerService.stubFor(get(PATH).willReturn(ada()));

        assertUnavailable();

        customerService.verify(0, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void treatsAFailingAuthServerAsUnavailabilityAndOpensTheBreaker() {
        // A pause no stall of a busy machine outlasts: exactly one token request, whatever the timing.
        tokenBackoff = Duration.ofSeconds(30);
        directory = directoryAt(URI.create(customerService.baseUrl()));
        authServer.failing(true);
        customerService.stubFor(get(PATH).willReturn(ada()));
        for (int i = 0; i < 2; i++) {
            assertUnavailable();
        }

        // The first failed token request paused asking auth-server (ServiceTokens' back-off): the retry and the
        // second call failed without asking it again.
        assertThat(tokenRequests()).as("one token request, then a pause").isEqualTo(1);
        assertThat(circuitBreakers.circuitBreaker(CustomerDirectory.GUARD).getState()).isEqualTo(State.OPEN);
        assertThatThrownBy(() -> directory.find(new CustomerId(ADA)))
                .isInstanceOf(CustomerServiceUnavailableException.class)
                .extracting(e -> ((CustomerServiceUnavailableException) e).publicReason())
                .isEqualTo(CustomerDirectory.BREAKER_OPEN);
        assertThat(tokenRequests()).as("no token asked for while the breaker is open").isEqualTo(1);
        customerService.verify(0, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void treatsARefusedTokenRequestAsUnavailability() {
        authServer.client("account-service", "another-secret", "customers.read");
        try {
            customerService.stubFor(get(PATH).willReturn(ada()));

            assertThatThrownBy(() -> directory.find(new CustomerId(ADA)))
                    .isInstanceOf(CustomerServiceUnavailableException.class)
                    .hasMessageContaining("no token from auth-server")
                    .extracting(e -> ((CustomerServiceUnavailableException) e).publicReason())
                    .isEqualTo(CustomerDirectory.FAILED);
            customerService.verify(0, getRequestedFor(urlEqualTo(PATH)));
        } finally {
            authServer.client("account-service", "account-service-secret", "customers.read", "customers.feed");
        }
    }

    /** An auth-server that hangs holds a lookup no longer than the token request's read timeout (1 s here). */
    @Test
    void givesUpOnAHangingAuthServerAfterTheTokenReadTimeout() {
        authServer.tokenDelay(Duration.ofSeconds(8));
        customerService.stubFor(get(PATH).willReturn(ada()));
        long start = System.nanoTime();

        assertUnavailable();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("two attempts, each cut off after 1 s")
                .isLessThan(Duration.ofMillis(5_000));
        customerService.verify(0, getRequestedFor(urlEqualTo(PATH)));
    }

    /**
     * After a failed token request auth-server is not asked again at once but after a pause that doubles with each
     * failure in a row, however often callers ask meanwhile (a cold auth-server, asked again every second by three
     * instances, was buried under 120 concurrent client-secret checks); once it answers, the token is there again.
     */
    @Test
    void aFailedTokenRequestPausesAskingAuthServerForLongerAfterEachFailure() throws Exception {
        var registration = ClientRegistration.withRegistrationId(ServiceTokens.CUSTOMER_LOOKUPS)
                .clientId("account-service").clientSecret("account-service-secret")
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).scope("customers.read")
                .tokenUri(tokenUri.toString()).build();
        var breakers = CircuitBreakerRegistry.ofDefaults();
        var tokens = new ServiceTokens(new InMemoryClientRegistrationRepository(registration),
                new ServiceTokenProperties(Duration.ofSeconds(1), TOKEN_READ_TIMEOUT, Duration.ofSeconds(30),
                        Duration.ofMillis(200), Duration.ofSeconds(2)), breakers);
        var client = org.springframework.web.client.RestClient.builder()
                .requestInterceptor(tokens.bearer(ServiceTokens.CUSTOMER_LOOKUPS)).build();
        customerService.stubFor(get(PATH).willReturn(ada()));
        authServer.failing(true);
        int calls = 0;
        long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() - end < 0) {
            assertThatThrownBy(() -> client.get().uri(customerService.baseUrl() + PATH).retrieve()
                    .toBodilessEntity()).isInstanceOf(
                            org.springframework.security.oauth2.core.OAuth2AuthorizationException.class);
            calls++;
        }

        // Pauses of 200 ms doubled each time, randomized by half (at least 100, 200, 400, 800 ms; at most 300, 600,
        // 1200, 2000 ms): 4 to 8 requests in 3 s. Without the back-off, one per call; with a fixed pause, about 15.
        assertThat(calls).isGreaterThan(100);
        assertThat(tokenRequests()).as("token requests of %d calls in 3 s", calls).isBetween(3, 8);
        assertThat(breakers.circuitBreaker(ServiceTokens.AUTH_SERVER).getState()).isNotEqualTo(State.CLOSED);
        customerService.verify(0, getRequestedFor(urlEqualTo(PATH)));

        authServer.failing(false);
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> client.get()
                .uri(customerService.baseUrl() + PATH).retrieve().toBodilessEntity().getStatusCode().is2xxSuccessful());
        assertThat(breakers.circuitBreaker(ServiceTokens.AUTH_SERVER).getState()).isEqualTo(State.CLOSED);
    }

    /** What is held is told (when it expires, its scopes, never the token); forgotten, the next call fetches anew. */
    @Test
    void tellsWhichTokenItHoldsAndForgetsItOnRequest() {
        customerService.stubFor(get(PATH).willReturn(ada()));
        assertThat(serviceTokens.cached()).containsExactly(
                new ServiceTokens.Cached(ServiceTokens.CUSTOMER_LOOKUPS, null, java.util.Set.of()));
        var before = java.time.Instant.now();

        directory.find(new CustomerId(ADA));

        var held = serviceTokens.cached();
        assertThat(held).hasSize(1);
        assertThat(held.get(0).held()).isTrue();
        assertThat(held.get(0).scopes()).containsExactly("customers.read");
        assertThat(held.get(0).expiresAt()).isBetween(before.plus(TestIssuer.DEFAULT_TOKEN_LIFETIME).minusSeconds(5),
                java.time.Instant.now().plus(TestIssuer.DEFAULT_TOKEN_LIFETIME).plusSeconds(5));
        assertThat(held.get(0).toString()).doesNotContain(bearerTokens().get(0));

        assertThat(serviceTokens.forget()).isEqualTo(1);

        assertThat(serviceTokens.cached().get(0).held()).isFalse();
        assertThat(serviceTokens.forget()).as("nothing held any more").isZero();
        directory.find(new CustomerId(ADA));
        assertThat(tokenRequests()).as("one token, then a new one after it was forgotten").isEqualTo(2);
        assertThat(bearerTokens()).hasSize(2).doesNotHaveDuplicates();
    }

    /**
     * Many calls finding no token at once ask auth-server once, not each: a herd of token requests (each checks the
     * client secret) starved a cold auth-server under load. And when that one request fails, the calls that waited
     * for it fail with it at once, rather than each asking again in turn.
     */
    @Test
    void callsThatFindNoTokenAtOnceAskForOneAndThoseWaitingForAFailedOneFailWithIt() throws Exception {
        var tokens = tokens();
        var client = org.springframework.web.client.RestClient.builder()
                .requestInterceptor(tokens.bearer(ServiceTokens.CUSTOMER_LOOKUPS)).build();
        customerService.stubFor(get(PATH).willReturn(ada()));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            authServer.tokenDelay(Duration.ofMillis(300));
            var calls = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> client.get().uri(customerService.baseUrl() + PATH).retrieve().toBodilessEntity()));
            }
            for (var call : calls) {
                call.get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertThat(tokenRequests()).as("eight calls, one token request").isEqualTo(1);

            tokens.forget();
            authServer.tokenDelay(TOKEN_READ_TIMEOUT.plusSeconds(2));
            long start = System.nanoTime();
            var failing = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < 8; i++) {
                failing.add(pool.submit(() -> client.get().uri(customerService.baseUrl() + PATH).retrieve().toBodilessEntity()));
            }
            int failed = 0;
            for (var call : failing) {
                try {
                    call.get(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException expected) {
                    failed++;
                }
            }
            assertThat(failed).isEqualTo(8);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not eight timeouts in a row")
                    .isLessThan(TOKEN_READ_TIMEOUT.multipliedBy(4));
        } finally {
            pool.shutdownNow();
            authServer.tokenDelay(Duration.ZERO);
        }
    }

    /** At start, account-service fetches its token: the first user's call waits for none. */
    @Test
    void theTokenIsFetchedAtStartAndTheFirstCallAsksForNone() {
        customerService.stubFor(get(PATH).willReturn(ada()));

        assertThat(serviceTokens.fetchAtStart(Duration.ofMillis(50), Duration.ofSeconds(10))).isTrue();

        assertThat(tokenRequests()).isEqualTo(1);
        assertThat(serviceTokens.cached().get(0).held()).isTrue();
        assertThat(directory.find(new CustomerId(ADA))).isPresent();
        assertThat(tokenRequests()).as("the first call used the token fetched at start").isEqualTo(1);
        assertThat(circuitBreakers.circuitBreaker(CustomerDirectory.GUARD).getMetrics().getNumberOfFailedCalls())
                .isZero();
    }

    /**
     * auth-server not answering yet when account-service starts (they start side by side): it keeps asking in the
     * background until it gets its token, and none of that counts against customer-service.
     */
    @Test
    void theTokenIsFetchedInTheBackgroundOnceAuthServerAnswersAfterTheStart() {
        authServer.failing(true);
        try {
            assertThat(serviceTokens.fetchAtStart(Duration.ofMillis(50), Duration.ofSeconds(30))).isFalse();
            assertThat(serviceTokens.cached().get(0).held()).isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() -> tokenRequests() >= 2);
        } finally {
            authServer.failing(false);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> serviceTokens.cached().get(0).held());
        int settled = tokenRequests();
        assertThat(circuitBreakers.circuitBreaker(CustomerDirectory.GUARD).getMetrics().getNumberOfBufferedCalls())
                .as("no call to customer-service was made or counted").isZero();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> tokenRequests() == settled);
    }

    private int tokenRequests() {
        return authServer.tokenRequests() - tokenRequestsBefore;
    }

    /** The bearer tokens customer-service received, in order. */
    private static List<String> bearerTokens() {
        return customerService.findAll(getRequestedFor(urlEqualTo(PATH))).stream()
                .map(request -> request.getHeader("Authorization").substring("Bearer ".length())).toList();
    }

    private static int closedPort() throws Exception {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ada() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/hal+json")
                .withBody("{\"id\":\"%s\",\"givenName\":\"Ada\",\"surname\":\"Lovelace\"}".formatted(ADA));
    }

    private CustomerDirectory directoryAt(URI url) {
        return directoryAt(url, true);
    }

    /**
     * A directory guarded like production's, with thresholds small enough for a test: a bulkhead of 2, a breaker
     * judging the last 4 calls, one retry.
     */
    private CustomerDirectory directoryAt(URI url, boolean protection) {
        return directoryAt(url, new ProtectionSwitch(protection));
    }

    private CustomerDirectory directoryAt(URI url, ProtectionSwitch protection) {
        return directoryAt(url, protection, READ_TIMEOUT);
    }

    private CustomerDirectory directoryAt(URI url, ProtectionSwitch protection, Duration readTimeout) {
        var properties = new CustomerServiceProperties(url, Duration.ofSeconds(1), readTimeout, Duration.ofSeconds(7),
                protection.isOn());
        var unavailable = CustomerServiceUnavailableException.class;
        bulkheads = BulkheadRegistry.of(BulkheadConfig.custom().maxConcurrentCalls(2).maxWaitDuration(Duration.ZERO)
                .build());
        circuitBreakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom().slidingWindowSize(4)
                .minimumNumberOfCalls(4).failureRateThreshold(50).waitDurationInOpenState(Duration.ofMinutes(1))
                .recordExceptions(unavailable).build());
        return new CustomerDirectory(CustomerClientConfiguration.clients(properties, ObservationRegistry.NOOP,
                (serviceTokens = tokens(tokenBackoff)).bearer(ServiceTokens.CUSTOMER_LOOKUPS)), properties, protection, bulkheads, circuitBreakers,
                RetryRegistry.of(RetryConfig.custom().maxAttempts(2).waitDuration(Duration.ofMillis(10))
                        .retryExceptions(unavailable).build()), observations);
    }

    /** account-service's tokens as production gets them, from {@link #tokenUri}, with a token read timeout of 1 s. */
    private ServiceTokens tokens() {
        return tokens(Duration.ofSeconds(1));
    }

    /** The same, with that first pause after a failed token request. */
    private ServiceTokens tokens(Duration backoff) {
        var registration = ClientRegistration.withRegistrationId(ServiceTokens.CUSTOMER_LOOKUPS)
                .clientId("account-service").clientSecret("account-service-secret")
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).scope("customers.read")
                .tokenUri(tokenUri.toString()).build();
        return new ServiceTokens(new InMemoryClientRegistrationRepository(registration),
                new ServiceTokenProperties(Duration.ofSeconds(1), TOKEN_READ_TIMEOUT, Duration.ofSeconds(30), backoff,
                        backoff.multipliedBy(10)));
    }
}
