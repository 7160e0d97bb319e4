package org.erlbank.contracts.hal;

import static org.assertj.core.api.Assertions.assertThat;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import au.com.dius.pact.core.model.matchingrules.RegexMatcher;
import java.net.URI;
import org.erlbank.contracts.PactTokens;
import org.erlbank.testing.security.TestIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A hypermedia consumer's contract with account-service. Links are matched as URLs whose path matters and whose
 * host and port do not ({@code matchUrl2}): the pact holds whether account-service is reached directly or through
 * the gateway, and the mock server hands out links to itself.
 * <p>
 * Every request carries Ada's bearer token: the pact relies on one being sent, and its provider state says whose
 * ("ada is logged in"), so the verification sends a real one of hers.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "account-service", pactVersion = PactSpecVersion.V4)
class AccountNavigatorPactTest {

    static final String ACCOUNT = "10000001";
    static final String OTHER_ACCOUNT = "10000002";
    private static final String NUMBER = "[0-9]{8}";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String AMOUNT = "-?[0-9]{1,13}\\.[0-9]{2}";
    static final String ADA = "c0000000-0000-4000-8000-000000000001";
    private static final String CALLER = "ada is logged in";
    private static final String ADAS_TOKEN = PactTokens.example("customer-" + ADA);

    @Pact(consumer = "erlbank-hal-client")
    V4Pact statementAndTransferByLinks(PactDslWithProvider builder) {
        var state = "account " + ACCOUNT + " of customer Ada Lovelace and account " + OTHER_ACCOUNT + " exist";
        return builder
                // Which build of the consumer wrote it: the version a Pact Broker would record it under.
                .addMetadataValue("consumerVersion", System.getProperty("erlbank.version", "unknown"))
                .addMetadataValue("providerApi", "account-api-v1")
                .given(CALLER)
                .given(state)
                .uponReceiving("a request for an account as HAL")
                    .method("GET").path("/accounts/" + ACCOUNT)
                    .matchHeader(PactTokens.AUTHORIZATION, PactTokens.BEARER, ADAS_TOKEN)
                    .matchHeader("Accept", "application/hal\\+json", "application/hal+json")
                .willRespondWith()
                    .status(200)
                    .matchHeader("Content-Type", "application/hal\\+json.*", "application/hal+json")
                    .body(new PactDslJsonBody()
                            .stringMatcher("number", NUMBER, ACCOUNT)
                            .object("_links")
                                .object("statement")
                                    .matchUrl2("href", "accounts", new RegexMatcher(NUMBER, ACCOUNT),
                                            "statement")
                                .closeObject()
                            .closeObject())
                .given(CALLER)
                .given(state)
                .uponReceiving("a request for an account's statement")
                    .method("GET").path("/accounts/" + ACCOUNT + "/statement")
                    .matchHeader(PactTokens.AUTHORIZATION, PactTokens.BEARER, ADAS_TOKEN)
                    .matchHeader("Accept", "application/hal\\+json", "application/hal+json")
                .willRespondWith()
                    .status(200)
                    .matchHeader("Content-Type", "application/hal\\+json.*", "application/hal+json")
                    .body(new PactDslJsonBody()
                            .stringType("ownerName", "Ada Lovelace")
                            .object("balance")
                                .stringMatcher("amount", AMOUNT, "927.65")
                                .stringValue("currency", "EUR")
                            .closeObject())
                .given(CALLER)
                .given(state)
                .uponReceiving("a request for an account with its HAL-FORMS templates")
                    .method("GET").path("/accounts/" + ACCOUNT)
                    .matchHeader(PactTokens.AUTHORIZATION, PactTokens.BEARER, ADAS_TOKEN)
                    .matchHeader("Accept", "application/prs\\.hal-forms\\+json", "application/prs.hal-forms+json")
                .willRespondWith()
                    .status(200)
                    .matchHeader("Content-Type", "application/prs\\.hal-forms\\+json.*", "application/prs.hal-forms+json")
                    .body(new PactDslJsonBody()
                            .object("_templates")
                                .object("makeTransfer")
                                    .stringValue("method", "POST")
                                    .matchUrl2("target", "accounts", new RegexMatcher(NUMBER, ACCOUNT),
                                            "transfers")
                                .closeObject()
                            .closeObject())
                .given(CALLER)
                .given(state)
                .uponReceiving("a transfer of 1.00 EUR to another account")
                    .method("POST").path("/accounts/" + ACCOUNT + "/transfers")
                    .matchHeader(PactTokens.AUTHORIZATION, PactTokens.BEARER, ADAS_TOKEN)
                    .matchHeader("Content-Type", "application/json.*", "application/json")
                    .body(new PactDslJsonBody().stringValue("to", OTHER_ACCOUNT).stringValue("amount", "1.00"))
                .willRespondWith()
                    .status(201)
                    .matchHeader("Content-Type", "application/hal\\+json.*", "application/hal+json")
                    .body(new PactDslJsonBody()
                            .object("_links")
                                .object("self")
                                    .matchUrl2("href", "transfers", new RegexMatcher(UUID,
                                            "3f0a8c2e-5b7d-4e61-9a2f-0c1d2e3f4a5b"))
                                .closeObject()
                            .closeObject())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "statementAndTransferByLinks")
    void readsTheStatementAndTransfersByFollowingLinks(MockServer accountService) {
        // A token as auth-server issues hers: what the pact's matcher must accept.
        String token;
        try (var authServer = TestIssuer.start()) {
            token = authServer.customer(java.util.UUID.fromString(ADA)).sign();
        }
        var navigator = new AccountNavigator(token);
        var account = URI.create(accountService.getUrl() + "/accounts/" + ACCOUNT);

        var statement = navigator.statementOf(account);
        var transfer = navigator.transfer(account, OTHER_ACCOUNT, "1.00");

        assertThat(statement.ownerName()).isEqualTo("Ada Lovelace");
        assertThat(statement.balance()).isEqualTo("927.65");
        assertThat(transfer.getPath()).matches("/transfers/" + UUID);
    }
}
