package org.erlbank.account.customers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The probe that closes the open breaker: it asks customer-service only while the breaker is open (and protection
 * on), closes it on an answer (a 404 for the random customer it asks for is one), and leaves it open, after no more
 * than its short read timeout, when customer-service hangs or fails.
 */
class CustomerServiceProbeTest {

    // Generous for a loaded machine (a first request loads the HTTP client's classes); far below the hang's delay.
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final String ANY_CUSTOMER = "/customers/.*";

    /** A server per test: stopping it ends a hanging request, which would otherwise land in the next test's journal. */
    private final WireMockServer customerService = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    private final CircuitBreaker breaker = breakers.circuitBreaker(CustomerDirectory.GUARD);
    private final ProtectionSwitch protection = new ProtectionSwitch(true);
    private CustomerServiceProbe probe;

    @AfterEach
    void stop() {
        customerService.stop();
    }

    @BeforeEach
    void probeAtCustomerService() {
        customerService.start();
        var properties = new CustomerServiceProperties(URI.create(customerService.baseUrl()), Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofSeconds(5), true, PROBE_TIMEOUT);
        var clients = CustomerClientConfiguration.clients(properties, ObservationRegistry.NOOP,
                (request, body, execution) -> execution.execute(request, body));
        var directory = new CustomerDirectory(clients, properties, protection, BulkheadRegistry.ofDefaults(), breakers,
                RetryRegistry.ofDefaults(), ObservationRegistry.NOOP);
        probe = new CustomerServiceProbe(directory, breakers, protection);
    }

    @Test
    void asksNothingWhileTheBreakerIsClosed() {
        probe.probe();

        assertThat(breaker.getState()).isEqualTo(State.CLOSED);
        customerService.verify(0, anyRequestedFor(urlMatching(".*")));
    }

    @Test
    void closesTheOpenBreakerWhenCustomerServiceAnswers() {
        customerService.stubFor(get(urlMatching(ANY_CUSTOMER)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":404}")));
        breaker.transitionToOpenState();

        probe.probe();

        assertThat(breaker.getState()).isEqualTo(State.CLOSED);
        customerService.verify(1, getRequestedFor(urlMatching(ANY_CUSTOMER)));
    }

    @Test
    void leavesItOpenWhileCustomerServiceHangsAndWaitsNoLongerThanItsTimeout() {
        // Far longer than the probe waits: had it waited for the answer, it would have taken 10 s.
        customerService.stubFor(get(urlMatching(ANY_CUSTOMER)).willReturn(aResponse().withStatus(404)
                .withFixedDelay(10_000)));
        breaker.transitionToOpenState();
        long start = System.nanoTime();

        probe.probe();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        assertThat(breaker.getState()).isEqualTo(State.OPEN);
    }

    @Test
    void leavesItOpenWhileCustomerServiceFails() {
        customerService.stubFor(get(urlMatching(ANY_CUSTOMER)).willReturn(aResponse().withStatus(503)));
        breaker.transitionToOpenState();

        probe.probe();

        assertThat(breaker.getState()).isEqualTo(State.OPEN);
        customerService.verify(1, getRequestedFor(urlMatching(ANY_CUSTOMER)));
    }

    @Test
    void leavesABreakerForcedOpenAndEverythingWithoutProtectionAlone() {
        customerService.stubFor(get(urlMatching(ANY_CUSTOMER)).willReturn(aResponse().withStatus(404)));
        breaker.transitionToForcedOpenState();
        probe.probe();
        assertThat(breaker.getState()).isEqualTo(State.FORCED_OPEN);

        breaker.transitionToOpenState();
        protection.set(false);
        probe.probe();
        assertThat(breaker.getState()).isEqualTo(State.OPEN);
        customerService.verify(0, anyRequestedFor(urlMatching(".*")));
    }
}
