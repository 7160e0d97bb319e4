package org.erlbank.account.customers;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/protection} on the management port (loopback, never routed by the gateway): {@code GET} tells
 * whether calls to customer-service are protected, {@code POST {"enabled": false}} switches the protection off,
 * {@code POST {"enabled": true}} on again. For the cascading-failure demo.
 */
@Component
@Endpoint(id = "protection")
class ProtectionEndpoint {

    record State(boolean enabled) {
    }

    private final ProtectionSwitch protection;

    ProtectionEndpoint(ProtectionSwitch protection) {
        this.protection = protection;
    }

    @ReadOperation
    State state() {
        return new State(protection.isOn());
    }

    @WriteOperation
    State switchTo(boolean enabled) {
        protection.set(enabled);
        return state();
    }
}
