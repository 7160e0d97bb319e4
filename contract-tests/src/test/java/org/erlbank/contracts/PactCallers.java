package org.erlbank.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import au.com.dius.pact.provider.junitsupport.State;
import java.util.UUID;
import org.apache.hc.core5.http.HttpRequest;
import org.erlbank.testing.security.TestIssuer;

/**
 * Who calls in an interaction, as its provider states name it, with a real token for that caller from the
 * {@link TestIssuer} the provider trusts. A pact's own {@code Authorization} is an example that verifies against no
 * key ({@link PactTokens}); {@link #authorize(HttpRequest)} puts the caller's token in its place before the request
 * is sent. One instance per interaction: give it to the verification as a state change handler
 * ({@code context.withStateChangeHandlers(...)}).
 */
final class PactCallers {

    static final String ADA_IS_LOGGED_IN = "ada is logged in";
    static final String A_TELLER_IS_LOGGED_IN = "a teller is logged in";
    static final String ACCOUNT_SERVICE_READS_CUSTOMERS = "account-service calls with scope customers.read";
    static final String ACCOUNT_SERVICE_FOLLOWS_THE_FEED = "account-service calls with scope customers.feed";

    static final UUID ADA = UUID.fromString("c0000000-0000-4000-8000-000000000001");

    private final TestIssuer issuer;
    private String token;

    PactCallers(TestIssuer issuer) {
        this.issuer = issuer;
    }

    /** A customer, Ada: her own records, accounts and transfers. */
    @State(ADA_IS_LOGGED_IN)
    public void adaIsLoggedIn() {
        token = issuer.customer(ADA).sign();
    }

    @State(A_TELLER_IS_LOGGED_IN)
    public void aTellerIsLoggedIn() {
        token = issuer.teller("teller").sign();
    }

    /** account-service itself, as auth-server's client credentials grant makes it: {@code sub} its client id. */
    @State(ACCOUNT_SERVICE_READS_CUSTOMERS)
    public void accountServiceReadsCustomers() {
        token = issuer.service("account-service", "customers.read").sign();
    }

    @State(ACCOUNT_SERVICE_FOLLOWS_THE_FEED)
    public void accountServiceFollowsTheFeed() {
        token = issuer.service("account-service", "customers.feed").sign();
    }

    /** Sends the named caller's token instead of the pact's example; an interaction that names no caller fails. */
    void authorize(HttpRequest request) {
        assertThat(token).as("a token for the caller the provider states name (none of them does: %s, %s, %s or %s)",
                ADA_IS_LOGGED_IN, A_TELLER_IS_LOGGED_IN, ACCOUNT_SERVICE_READS_CUSTOMERS,
                ACCOUNT_SERVICE_FOLLOWS_THE_FEED).isNotNull();
        request.setHeader(PactTokens.AUTHORIZATION, "Bearer " + token);
    }
}
