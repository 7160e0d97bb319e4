package org.erlbank.account.customers;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.erlbank.account.customers.CustomerClientConfiguration.CustomerClients;
import org.erlbank.account.customers.client.v1.CustomersApi;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * account-service's one way of asking customer-service about a customer, synchronously. Every call is guarded by
 * Resilience4j (instance {@value #GUARD}, configured under {@code resilience4j.*} in {@code application.yml}): a
 * bulkhead bounds the calls in flight, so a slow customer-service cannot hold every request thread; a circuit
 * breaker stops calling a customer-service that fails or is slow, and answers at once instead; a retry with
 * randomized backoff repeats a failed lookup once (a lookup is an idempotent read). Each call's own timeout is the
 * HTTP client's read timeout. The {@link ProtectionSwitch} turns all of it off, the timeout included.
 * <p>
 * Getting account-service's token ({@link ServiceTokens}) is part of the call, inside the guard: an auth-server that
 * is down, slow or refusing makes customer-service as unreachable as its own failure does, and counts the same.
 */
@Component
public class CustomerDirectory {

    /** The name of the Resilience4j instances that guard the calls to customer-service. */
    public static final String GUARD = "customer-service";

    /** Why customer-service was not asked, or gave no answer, as clients are told. */
    public static final String BREAKER_OPEN = "its circuit breaker is open";
    public static final String BULKHEAD_FULL = "too many calls to it are in flight";
    public static final String FAILED = "it failed or did not answer in time";

    /**
     * The tag on the trace's span of the request that needed the customer (a statement's, say): what became of
     * asking customer-service ({@code answered}, {@code not-found}, or why there was no answer: {@code breaker-open},
     * {@code bulkhead-full}, {@code failed}), so that a trace viewer shows why a statement was degraded.
     */
    public static final String DECISION = "erlbank.customer-service";
    /** The tag beside it: whether the call was guarded ({@code true}) or protection was off ({@code false}). */
    public static final String GUARDED = "erlbank.customer-service.guarded";
    /**
     * And how many calls reached customer-service (a retry is a second): {@code 0} when the breaker or the bulkhead
     * answered at once, {@code 1} when a first call failed and the breaker, open by then, refused the retry.
     */
    public static final String CALLS = "erlbank.customer-service.calls";

    private final CustomerClients clients;
    private final CustomerServiceProperties properties;
    private final ProtectionSwitch protection;
    private final Bulkhead bulkhead;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    private final ObservationRegistry observations;

    CustomerDirectory(CustomerClients clients, CustomerServiceProperties properties, ProtectionSwitch protection,
            BulkheadRegistry bulkheads, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries,
            ObservationRegistry observations) {
        this.observations = observations;
        this.clients = clients;
        this.properties = properties;
        this.protection = protection;
        this.bulkhead = bulkheads.bulkhead(GUARD);
        this.circuitBreaker = circuitBreakers.circuitBreaker(GUARD);
        this.retry = retries.retry(GUARD);
    }

    /**
     * The customer's name, or nothing when customer-service does not know the customer.
     *
     * @throws CustomerServiceUnavailableException when customer-service cannot be asked or answers nonsense, or
     *         the guard does not let the call through (breaker open, bulkhead full)
     */
    public Optional<CustomerName> find(CustomerId id) {
        boolean guarded = protection.isOn();
        var calls = new AtomicInteger();
        try {
            var name = guardedFind(id, calls);
            decided(name.isPresent() ? "answered" : "not-found", guarded, calls.get());
            return name;
        } catch (CustomerServiceUnavailableException unavailable) {
            decided(switch (unavailable.publicReason()) {
                case BREAKER_OPEN -> "breaker-open";
                case BULKHEAD_FULL -> "bulkhead-full";
                default -> "failed";
            }, guarded, calls.get());
            throw unavailable;
        }
    }

    /**
     * Whether customer-service answers at all, asked unguarded with the probe's short read timeout for a customer
     * that does not exist (a random id): a customer found or not found is an answer; a timeout, a failure, no token
     * are none. For {@link CustomerServiceProbe}, which decides with it when the open breaker closes.
     */
    boolean answersProbe() {
        try {
            lookup(clients.probe(), new CustomerId(UUID.randomUUID()));
            return true;
        } catch (CustomerServiceUnavailableException noAnswer) {
            return false;
        }
    }

    private void decided(String decision, boolean guarded, int calls) {
        var current = observations.getCurrentObservation();
        if (current != null) {
            current.highCardinalityKeyValue(DECISION, decision);
            current.highCardinalityKeyValue(GUARDED, String.valueOf(guarded));
            current.highCardinalityKeyValue(CALLS, String.valueOf(calls));
        }
    }

    private Optional<CustomerName> guardedFind(CustomerId id, AtomicInteger calls) {
        if (!protection.isOn()) {
            calls.incrementAndGet();
            return lookup(clients.withoutTimeout(), id);
        }
        Supplier<Optional<CustomerName>> lookup = () -> {
            calls.incrementAndGet();
            return lookup(clients.withTimeout(), id);
        };
        // Retry(CircuitBreaker(Bulkhead(lookup))): a retry counts as a call of its own for the breaker.
        var guarded = Retry.decorateSupplier(retry,
                CircuitBreaker.decorateSupplier(circuitBreaker, Bulkhead.decorateSupplier(bulkhead, lookup)));
        try {
            return guarded.get();
        } catch (CallNotPermittedException open) {
            throw unavailable("its circuit breaker is open after too many failed or slow calls", BREAKER_OPEN, open);
        } catch (BulkheadFullException full) {
            throw unavailable("too many calls to it are in flight already", BULKHEAD_FULL, full);
        }
    }

    private Optional<CustomerName> lookup(CustomersApi customers, CustomerId id) {
        try {
            var customer = customers.getCustomer(id.value()).getBody();
            if (customer == null || customer.getGivenName() == null || customer.getSurname() == null) {
                throw unavailable("it answered without a customer's name", null);
            }
            return Optional.of(new CustomerName(customer.getGivenName(), customer.getSurname()));
        } catch (HttpClientErrorException.NotFound notFound) {
            return Optional.empty();
        } catch (RestClientException e) {
            throw unavailable(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (OAuth2AuthorizationException noToken) {
            // ClientAuthorizationException among them; the token endpoint's I/O errors come wrapped in one.
            throw unavailable("account-service got no token from auth-server to call it with ("
                    + noToken.getError().getErrorCode() + ": " + noToken.getMessage() + ")", noToken);
        }
    }

    private CustomerServiceUnavailableException unavailable(String reason, Throwable cause) {
        return unavailable(reason, FAILED, cause);
    }

    private CustomerServiceUnavailableException unavailable(String reason, String publicReason, Throwable cause) {
        return new CustomerServiceUnavailableException(reason, publicReason, properties.retryAfter(), cause);
    }
}
