package org.erlbank.http.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * How Erlbank's own claims are read, in one place for the validator and for {@link Caller}: {@code roles}, a list of
 * {@code customer} or {@code teller}; {@code customer_id}, a customer's id as a UUID string; {@code scope}, a list
 * (Spring Authorization Server writes one) or a space-separated string (RFC 8693 style).
 */
final class ErlbankClaims {

    static final String ROLES = "roles";
    static final String CUSTOMER_ID = "customer_id";
    static final String SCOPE = "scope";
    static final String CUSTOMER = "customer";
    static final String TELLER = "teller";

    /** The canonical form only: {@link UUID#fromString} also takes {@code 1-1-1-1-1}. */
    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ErlbankClaims() {
    }

    /** The roles, or nothing when the token has no {@code roles} claim at all (a service's token). */
    static Optional<List<String>> roles(Jwt jwt) {
        if (!jwt.hasClaim(ROLES)) {
            return Optional.empty();
        }
        return Optional.of(strings(jwt.getClaims().get(ROLES)));
    }

    /** The customer id, when the claim is there and a UUID. */
    static Optional<UUID> customerId(Jwt jwt) {
        return jwt.getClaims().get(CUSTOMER_ID) instanceof String id && UUID_PATTERN.matcher(id).matches()
                ? Optional.of(UUID.fromString(id))
                : Optional.empty();
    }

    static Set<String> scopes(Jwt jwt) {
        var scope = jwt.getClaims().get(SCOPE);
        if (scope instanceof String string) {
            return Set.of(string.trim().split("\\s+")).stream().filter(s -> !s.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
        }
        return Set.copyOf(strings(scope));
    }

    /** A claim that must be a list of strings; anything else (a number, an object, a list of those) is no list. */
    private static List<String> strings(Object claim) {
        if (claim instanceof Collection<?> values && values.stream().allMatch(String.class::isInstance)) {
            return values.stream().map(String.class::cast).toList();
        }
        return List.of();
    }
}
