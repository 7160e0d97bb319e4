package org.erlbank.http.security;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, as far as Erlbank's rules care: a customer (who may see her own things), a teller (who may see
 * every customer's), or another service (with the scopes its client was given). Made from a verified token by
 * {@link #of(Jwt)}; a token that fits none of them names nobody Erlbank serves and is refused.
 */
public sealed interface Caller {

    /** A person who logged in as a customer: the one customer whose resources are hers. */
    record Customer(UUID id) implements Caller {

        public Customer {
            Objects.requireNonNull(id, "id");
        }
    }

    /** A person who logged in as a teller. */
    record Teller() implements Caller {
    }

    /** Another service, with a token of its own (client credentials): its client id and scopes. */
    record Service(String clientId, Set<String> scopes) implements Caller {

        public Service {
            Objects.requireNonNull(clientId, "clientId");
            scopes = Set.copyOf(scopes);
        }

        public boolean has(String scope) {
            return scopes.contains(scope);
        }
    }

    /**
     * The caller a verified token names:
     * <ul>
     * <li>{@code roles} contains {@code teller} (and not {@code customer}): a {@link Teller};</li>
     * <li>{@code roles} contains {@code customer} (and not {@code teller}) and {@code customer_id} is a UUID: that
     * {@link Customer};</li>
     * <li>no {@code roles} claim, no {@code customer_id}, and a {@code sub}: a {@link Service} (auth-server's client
     * credentials tokens: the {@code sub} is the client id);</li>
     * <li>anything else, a token with both roles among them: refused with {@link UnknownCallerException}. auth-server
     * gives a login exactly one role; a token with two is not one of its, and is not read as the stronger.</li>
     * </ul>
     * The token's signature, issuer, audience and lifetime are the decoder's business ({@link ErlbankJwtDecoders}).
     */
    static Caller of(Jwt jwt) {
        var roles = ErlbankClaims.roles(jwt);
        if (roles.isEmpty()) {
            var subject = jwt.getSubject();
            if (jwt.hasClaim(ErlbankClaims.CUSTOMER_ID) || subject == null || subject.isBlank()) {
                throw new UnknownCallerException("a token without roles must be a service's: a subject, no customer");
            }
            return new Service(subject, ErlbankClaims.scopes(jwt));
        }
        boolean teller = roles.get().contains(ErlbankClaims.TELLER);
        boolean customer = roles.get().contains(ErlbankClaims.CUSTOMER);
        if (teller && customer) {
            throw new UnknownCallerException("a token is a teller's or a customer's, not both");
        }
        if (teller) {
            return new Teller();
        }
        if (customer) {
            return ErlbankClaims.customerId(jwt).map(Customer::new).orElseThrow(
                    () -> new UnknownCallerException("a customer's token must name the customer (customer_id)"));
        }
        throw new UnknownCallerException("the token's roles name neither a customer nor a teller");
    }
}
