package org.erlbank.account.statements;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where statements take the owner's name from, switchable at runtime: {@code lookup} asks customer-service each time
 * (coupled in time), {@code replica} reads account-service's own copy fed by the customer feed (decoupled, as old as
 * its last read). Starts as {@code ERLBANK_OWNER_NAMES} says (lookup).
 */
@Component
public class OwnerNameSource {

    public enum Source {
        LOOKUP, REPLICA;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Source of(String value) {
            for (var source : values()) {
                if (source.value().equals(value)) {
                    return source;
                }
            }
            throw new IllegalArgumentException("the owner names' source is lookup or replica, not " + value);
        }
    }

    private final AtomicReference<Source> source;

    OwnerNameSource(@Value("${erlbank.owner-names.source:lookup}") String initial) {
        this.source = new AtomicReference<>(Source.of(initial));
    }

    public Source current() {
        return source.get();
    }

    public void set(Source next) {
        source.set(next);
    }
}
