package org.erlbank.account.statements;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/ownernames} on the management port (loopback, never routed by the gateway): {@code GET} tells
 * where statements take the owner's name from, {@code POST {"source": "replica"}} (or {@code "lookup"}) switches.
 */
@Component
@Endpoint(id = "ownernames")
class OwnerNameSourceEndpoint {

    record State(String source) {
    }

    private final OwnerNameSource source;

    OwnerNameSourceEndpoint(OwnerNameSource source) {
        this.source = source;
    }

    @ReadOperation
    State state() {
        return new State(source.current().value());
    }

    @WriteOperation
    State switchTo(String source) {
        this.source.set(OwnerNameSource.Source.of(source));
        return state();
    }
}
