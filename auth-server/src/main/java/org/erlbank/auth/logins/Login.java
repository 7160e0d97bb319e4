package org.erlbank.auth.logins;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A login as stored: a customer's (with her id at customer-service) or a teller's.
 *
 * @param failedAttempts failed logins since the last success or lock
 * @param lockedUntil    while in the future, no password opens the login
 */
public record Login(String username, String passwordHash, Role role, UUID customerId, boolean enabled,
        int failedAttempts, Instant lockedUntil) {

    public Optional<UUID> customer() {
        return Optional.ofNullable(customerId);
    }

    boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
