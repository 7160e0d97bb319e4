package org.erlbank.customer.customers.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.erlbank.customer.customers.CustomerId;
import org.erlbank.customer.customers.CustomerNotFoundException;
import org.erlbank.http.security.Caller;
import org.erlbank.http.security.CallerAuthentication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/** The rules themselves, caller by caller; the slices and the application test show them over HTTP. */
class CustomerAccessTest {

    private static final CustomerId ADA = new CustomerId(UUID.fromString("c0000000-0000-4000-8000-000000000001"));
    private static final CustomerId GRACE = new CustomerId(UUID.fromString("c0000000-0000-4000-8000-000000000002"));

    private final CustomerAccess access = new CustomerAccess();

    @AfterEach
    void forgetTheCaller() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theTellerMayDoEverything() {
        callerIs(new Caller.Teller());

        assertThat(access.mayRegister()).isTrue();
        assertThat(access.mayChange(ADA)).isTrue();
        assertThat(access.mayFollowAccounts()).isTrue();
        assertThat(access.requireList()).isEmpty();
        assertThatCode(() -> {
            access.requireRegister();
            access.requireRead(GRACE);
            access.requireChangesCustomers();
            access.requireChange(GRACE);
            access.requireFeed();
        }).doesNotThrowAnyException();
    }

    @Test
    void aCustomerMayReadAndChangeHerselfOnlyAndListsHerselfOnly() {
        callerIs(new Caller.Customer(ADA.value()));

        assertThat(access.mayChange(ADA)).isTrue();
        assertThat(access.mayChange(GRACE)).isFalse();
        assertThat(access.mayFollowAccounts()).isTrue();
        assertThat(access.requireList()).contains(ADA);
        assertThatCode(() -> {
            access.requireRead(ADA);
            access.requireChangesCustomers();
            access.requireChange(ADA);
        }).doesNotThrowAnyException();
        assertThatThrownBy(() -> access.requireRead(GRACE)).isInstanceOf(CustomerNotFoundException.class)
                .hasMessage("There is no customer " + GRACE + ".");
        assertThatThrownBy(() -> access.requireChange(GRACE)).isInstanceOf(CustomerNotFoundException.class);
    }

    @Test
    void aCustomerMayNotRegisterNorReadTheFeed() {
        callerIs(new Caller.Customer(ADA.value()));

        assertThat(access.mayRegister()).isFalse();
        assertThatThrownBy(access::requireRegister).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(access::requireFeed).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aServiceReadsWithCustomersReadAndTheFeedWithCustomersFeedAndChangesNothing() {
        callerIs(new Caller.Service("account-service", Set.of("customers.read", "customers.feed")));

        assertThat(access.requireList()).isEqualTo(Optional.empty());
        assertThatCode(() -> {
            access.requireRead(ADA);
            access.requireFeed();
        }).doesNotThrowAnyException();
        assertThat(access.mayRegister()).isFalse();
        assertThat(access.mayChange(ADA)).isFalse();
        assertThat(access.mayFollowAccounts()).isFalse();
        assertThatThrownBy(access::requireRegister).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(access::requireChangesCustomers).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> access.requireChange(ADA)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aServiceWithoutTheScopeIsRefusedWhatItNames() {
        callerIs(new Caller.Service("account-service", Set.of("customers.feed")));
        assertThatThrownBy(() -> access.requireRead(ADA)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(access::requireList).isInstanceOf(AccessDeniedException.class);

        callerIs(new Caller.Service("account-service", Set.of("customers.read")));
        assertThatThrownBy(access::requireFeed).isInstanceOf(AccessDeniedException.class);

        callerIs(new Caller.Service("reporting", Set.of("erlbank")));
        assertThatThrownBy(() -> access.requireRead(ADA)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(access::requireFeed).isInstanceOf(AccessDeniedException.class);
    }

    private static void callerIs(Caller caller) {
        var jwt = Jwt.withTokenValue("token").header("alg", "RS256").subject("someone").build();
        SecurityContextHolder.getContext().setAuthentication(new CallerAuthentication(jwt, caller));
    }
}
