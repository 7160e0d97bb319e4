package org.erlbank.account.customers;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.util.Optional;
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

    private final CustomerClients clients;
    private final CustomerServiceProperties properties;
    private final ProtectionSwitch protection;
    private final Bulkhead bulkhead;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;

    CustomerDirectory(CustomerClients clients, CustomerServiceProperties properties, ProtectionSwitch protection,
            BulkheadRegistry bulkheads, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
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
        if (!protection.isOn()) {
            return lookup(clients.withoutTimeout(), id);
        }
        Supplier<Optional<CustomerName>> lookup = () -> lookup(clients.withTimeout(), id);
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
