package org.erlbank.account.customers;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Decides when the breaker over customer-service closes again, so that no user pays for finding out. Resilience4j's
 * own way lets a few users' calls through once the breaker has been open for a while (half-open): while
 * customer-service still hangs, each of them waits the whole read timeout (2 s), every time (in the cascade demo, 3
 * statements every 10 s, for as long as the outage lasted). Instead, while the breaker is open, this asks
 * customer-service itself every {@code erlbank.customer-service.probe-interval} (1 s), in the background: a lookup
 * of a customer that does not exist (a random id; a healthy customer-service answers 404 at once), by the path the
 * users' lookups take (the load balancer, account-service's token, the customer API), with a short read timeout
 * ({@code probe-read-timeout}, the breaker's slow-call threshold). Its first answer closes the breaker. Users get
 * the open breaker's immediate, degraded answer until then.
 * <p>
 * Resilience4j still keeps the state: it opens the breaker (failure and slow-call rates), and would still try
 * half-open on its own after {@code wait-duration-in-open-state} (an hour: only should the probe never get an
 * answer). A breaker forced open (or disabled) is left alone; so is everything while protection is off.
 */
public class CustomerServiceProbe {

    private static final Logger log = LoggerFactory.getLogger(CustomerServiceProbe.class);

    private final CustomerDirectory directory;
    private final CircuitBreaker breaker;
    private final ProtectionSwitch protection;

    CustomerServiceProbe(CustomerDirectory directory, CircuitBreakerRegistry breakers, ProtectionSwitch protection) {
        this.directory = directory;
        this.breaker = breakers.circuitBreaker(CustomerDirectory.GUARD);
        this.protection = protection;
    }

    /** One probe, if the breaker is open: closes it when customer-service answers. */
    @Scheduled(fixedDelayString = "${erlbank.customer-service.probe-interval:1s}")
    public void probe() {
        if (!protection.isOn() || breaker.getState() != CircuitBreaker.State.OPEN) {
            return;
        }
        if (directory.answersProbe() && breaker.getState() == CircuitBreaker.State.OPEN) {
            breaker.transitionToClosedState();
            log.info("customer-service answers again: the circuit breaker over its calls is closed");
        }
    }
}
