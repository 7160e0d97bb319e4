package org.erlbank.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class CallerTest {

    private static final UUID ADA = UUID.fromString("c0000000-0000-4000-8000-000000000001");

    @Test
    void aTellerRoleMakesATeller() {
        assertThat(Caller.of(jwt("emmy", Map.of("roles", List.of("teller"))))).isEqualTo(new Caller.Teller());
    }

    @Test
    void aCustomerRoleWithItsIdMakesThatCustomer() {
        var caller = Caller.of(jwt("ada", Map.of("roles", List.of("customer"), "customer_id", ADA.toString())));

        assertThat(caller).isEqualTo(new Caller.Customer(ADA));
    }

    @Test
    void aTokenWithoutRolesIsAServiceNamedByItsSubject() {
        var caller = Caller.of(jwt("account-service", Map.of("scope", List.of("customers.read", "customers.feed"))));

        assertThat(caller).isEqualTo(new Caller.Service("account-service", Set.of("customers.read", "customers.feed")));
        assertThat(((Caller.Service) caller).has("customers.read")).isTrue();
        assertThat(((Caller.Service) caller).has("customers.write")).isFalse();
    }

    @Test
    void readsScopesWrittenAsOneSpaceSeparatedString() {
        var caller = Caller.of(jwt("account-service", Map.of("scope", "customers.read  customers.feed")));

        assertThat(caller).isEqualTo(new Caller.Service("account-service", Set.of("customers.read", "customers.feed")));
    }

    @Test
    void aServiceWithoutScopesHasNone() {
        assertThat(Caller.of(jwt("account-service", Map.of()))).isEqualTo(new Caller.Service("account-service", Set.of()));
    }

    @Test
    void refusesACustomerWithoutHerId() {
        assertThatThrownBy(() -> Caller.of(jwt("ada", Map.of("roles", List.of("customer")))))
                .isInstanceOf(UnknownCallerException.class).hasMessageContaining("customer_id");
    }

    @Test
    void refusesACustomerIdThatIsNoCanonicalUuid() {
        for (var id : List.of("1-1-1-1-1", "not-a-uuid", ADA + "0", "")) {
            assertThatThrownBy(() -> Caller.of(jwt("ada", Map.of("roles", List.of("customer"), "customer_id", id))))
                    .as(id).isInstanceOf(UnknownCallerException.class);
        }
    }

    @Test
    void refusesACustomerIdThatIsNoString() {
        assertThatThrownBy(() -> Caller.of(jwt("ada", Map.of("roles", List.of("customer"), "customer_id", 7))))
                .isInstanceOf(UnknownCallerException.class);
    }

    @Test
    void refusesATokenWithBothRolesRatherThanReadItAsTheStronger() {
        var both = Map.<String, Object>of("roles", List.of("customer", "teller"), "customer_id", ADA.toString());

        assertThatThrownBy(() -> Caller.of(jwt("ada", both))).isInstanceOf(UnknownCallerException.class);
    }

    @Test
    void refusesUnknownOrEmptyOrMistypedRoles() {
        for (Object roles : List.of(List.of("admin"), List.of(), "teller", List.of(1), Map.of("teller", true))) {
            assertThatThrownBy(() -> Caller.of(jwt("emmy", Map.of("roles", roles))))
                    .as(String.valueOf(roles)).isInstanceOf(UnknownCallerException.class);
        }
    }

    @Test
    void refusesATokenWithoutRolesThatNamesACustomer() {
        assertThatThrownBy(() -> Caller.of(jwt("account-service", Map.of("customer_id", ADA.toString()))))
                .isInstanceOf(UnknownCallerException.class);
    }

    @Test
    void refusesATokenWithoutRolesOrSubject() {
        assertThatThrownBy(() -> Caller.of(jwt(null, Map.of("scope", List.of("customers.read")))))
                .isInstanceOf(UnknownCallerException.class);
    }

    private static Jwt jwt(String subject, Map<String, Object> claims) {
        var builder = Jwt.withTokenValue("token").header("alg", "RS256")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(300)).claims(c -> c.putAll(claims));
        if (subject != null) {
            builder.subject(subject);
        }
        return builder.build();
    }
}
