package org.erlbank.account.customers;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether account-service's calls to customer-service are protected: a timeout, a bulkhead, a circuit breaker and
 * retries (on, the default), or made as integration code is often first written, none of them (off, to show what
 * that costs). It starts as {@code erlbank.customer-service.protection} says, and can be switched at runtime on the
 * management port ({@code /actuator/protection}) so that a demo compares both in one running system.
 */
public class ProtectionSwitch {

    private static final Logger log = LoggerFactory.getLogger(ProtectionSwitch.class);

    private final AtomicBoolean on;

    public ProtectionSwitch(boolean on) {
        this.on = new AtomicBoolean(on);
    }

    public boolean isOn() {
        return on.get();
    }

    public void set(boolean protection) {
        if (on.getAndSet(protection) != protection) {
            log.warn("Calls to customer-service are now {}", protection
                    ? "protected (timeout, bulkhead, circuit breaker, retry)"
                    : "UNPROTECTED: no timeout, no bulkhead, no circuit breaker, no retry");
        }
    }
}
