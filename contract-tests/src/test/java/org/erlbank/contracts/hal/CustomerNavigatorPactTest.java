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
 * A hypermedia consumer's contract with the customer API v2: a new client, written against v2 while account-service
 * stays on v1. The {@code If-Match} it sends is the ETag the provider state reports (Pact's provider-state injection),
 * since the customer's version depends on what happened to it before.
 * <p>
 * Every request carries Ada's bearer token: she reads and moves herself. The pact relies on a token being sent, and
 * its provider state says whose ("ada is logged in"), so the verification sends a real one of hers.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "customer-service", pactVersion = PactSpecVersion.V4)
class CustomerNavigatorPactTest {

    static final String ADA = "c0000000-0000-4000-8000-000000000001";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String STATE = "customer " + ADA + " exists with a postal address";
    private static final String CALLER = "ada is logged in";
    private static final String ADAS_TOKEN = PactTokens.example("customer-" + ADA);

    @Pact(consumer = "erlbank-hal-client")
    V4Pact customerV2ByLinks(PactDslWithProvider builder) {
        return builder
                .addMetadataValue("consumerVersion", System.getProperty("erlbank.version", "unknown"))
                .addMetadataValue("providerApi", "customer-api-v2")
                .given(CALLER)
                .given(STATE)
                .uponReceiving("a request for a customer in v2")
                    .method("GET").path("/v2/customers/" + ADA)
                    .matchHeader(PactTokens.AUTHORIZATION, PactTokens.BEARER, ADAS_TOKEN)
                    .matchHeader("Accept", "application/hal\\+json", "application/hal+json")
                .willRespondWith()
                    .status(200)
                    .matchHeader("Content-Type", "application/hal\\+json.*", "application/hal+json")
                    .body(customer("London"))
                .given(CALLER)
                .given(STATE)
                .uponReceiving("a request for a customer in v2 with its HAL-FORMS templates")
                    .method("GET").path("/v2/customers/" + ADA)
                    .matchHeader(PactTokens.AUTHORIZATION, PactTokens.BEARER, ADAS_TOKEN)
                    .matchHeader("Accept", "application/prs\\.hal-forms\\+json", "application/prs.hal-forms+json")
                .willRespondWith()
                    .status(200)
                    .matchHeader("Content-Type", "application/prs\\.hal-forms\\+json.*",
                            "application/prs.hal-forms+json")
                    .matchHeader("ETag", "\"[0-9]+\"", "\"1\"")
                    // A template without target acts on the resource itself (HAL-FORMS), so the client needs self.
                    .body(customer("London")
                            .object("_links")
                                .object("self")
                                    .matchUrl2("href", "v2", "customers", new RegexMatcher(UUID, ADA))
                                .closeObject()
                            .closeObject()
                            .object("_templates")
                                .object("changeCustomer")
                                    .stringValue("method", "PUT")
                                .closeObject()
                            .closeObject())
                .given(CALLER)
                .given(STATE)
                .uponReceiving("a change of a customer's address in v2")
                    .method("PUT").path("/v2/customers/" + ADA)
                    .matchHeader(PactTokens.AUTHORIZATION, PactTokens.BEARER, ADAS_TOKEN)
                    .headerFromProviderState("If-Match", "${etag}", "\"1\"")
                    .matchHeader("Content-Type", "application/json.*", "application/json")
                    .body(new PactDslJsonBody()
                            .object("name")
                                .stringType("givenName", "Ada")
                                .stringType("familyName", "Lovelace")
                            .closeObject()
                            .object("postalAddress")
                                .stringValue("street", "Great Cumberland Place 12")
                                .stringValue("postalCode", "W1H 7AA")
                                .stringValue("city", "Marylebone")
                                .stringType("country", "GB")
                            .closeObject())
                .willRespondWith()
                    .status(200)
                    .matchHeader("Content-Type", "application/hal\\+json.*", "application/hal+json")
                    .body(new PactDslJsonBody()
                            .object("postalAddress")
                                .stringValue("city", "Marylebone")
                            .closeObject())
                .toPact(V4Pact.class);
    }

    private static PactDslJsonBody customer(String city) {
        return (PactDslJsonBody) new PactDslJsonBody()
                .uuid("id", java.util.UUID.fromString(ADA))
                .object("name")
                    .stringType("givenName", "Ada")
                    .stringType("familyName", "Lovelace")
                .closeObject()
                .object("postalAddress")
                    .stringType("street", "12 St James's Square")
                    .stringType("postalCode", "SW1Y 4JH")
                    .stringType("city", city)
                    .stringMatcher("country", "[A-Z]{2}", "GB")
                .closeObject();
    }

    @Test
    @PactTestFor(pactMethod = "customerV2ByLinks")
    void readsAndMovesACustomerByFollowingLinks(MockServer customerService) {
        // A token as auth-server issues hers: what the pact's matcher must accept.
        String token;
        try (var authServer = TestIssuer.start()) {
            token = authServer.customer(java.util.UUID.fromString(ADA)).sign();
        }
        var navigator = new CustomerNavigator(token);
        var ada = URI.create(customerService.getUrl() + "/v2/customers/" + ADA);

        assertThat(navigator.cardOf(ada)).isEqualTo(new CustomerNavigator.Card("Ada Lovelace", "London", "GB"));
        assertThat(navigator.move(ada, "Great Cumberland Place 12", "W1H 7AA", "Marylebone").city())
                .isEqualTo("Marylebone");
    }
}
