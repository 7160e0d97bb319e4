package org.erlbank.account.customers;

import static org.assertj.core.api.Assertions.assertThat;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * account-service's contract with customer-service, written by the code account-service really runs: its
 * {@link CustomerDirectory} on the client generated from the customer API's spec. It covers every call account-service
 * makes: a customer that exists (opening an account; the name on a statement) and one that does not.
 * Values are matched by type, not literally; the ids are the provider states' own.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "customer-service", pactVersion = PactSpecVersion.V4)
class CustomerClientPactTest {

    static final UUID ADA = UUID.fromString("c0000000-0000-4000-8000-000000000001");
    static final UUID NOBODY = UUID.fromString("c0000000-0000-4000-8000-000000000099");

    /**
     * The generated client accepts what the spec lists (HAL, HAL-FORMS, plain JSON, problems); Pact matches each value
     * of the header on its own.
     */
    private static final String ACCEPTED = "application/((hal|prs\\.hal-forms|problem)\\+)?json";

    @Pact(consumer = "account-service")
    V4Pact customerLookups(PactDslWithProvider builder) {
        return builder
                // Which build of the consumer wrote it: the version a Pact Broker would record it under.
                .addMetadataValue("consumerVersion", System.getProperty("erlbank.version", "unknown"))
                // Which API, in which major version, it relies on: account-service stays on v1 while v2 exists.
                .addMetadataValue("providerApi", "customer-api-v1")
                .given("customer " + ADA + " exists")
                .uponReceiving("a lookup of a customer who exists")
                    .method("GET").path("/customers/" + ADA)
                    .matchHeader("Accept", ACCEPTED, "application/hal+json")
                .willRespondWith()
                    .status(200)
                    .matchHeader("Content-Type", "application/hal\\+json.*", "application/hal+json")
                    .body(new PactDslJsonBody()
                            .uuid("id", ADA)
                            .stringType("givenName", "Ada")
                            .stringType("surname", "Lovelace"))
                .given("no customer " + NOBODY + " exists")
                .uponReceiving("a lookup of a customer nobody knows")
                    .method("GET").path("/customers/" + NOBODY)
                    .matchHeader("Accept", ACCEPTED, "application/hal+json")
                .willRespondWith()
                    .status(404)
                    .matchHeader("Content-Type", "application/problem\\+json.*", "application/problem+json")
                    .body(new PactDslJsonBody()
                            .stringType("type", "https://erlbank.example/problems/customer-not-found")
                            .integerType("status", 404))
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "customerLookups")
    void findsTheCustomersThatExistAndNoOthers(MockServer customerService) {
        var properties = new CustomerServiceProperties(URI.create(customerService.getUrl()), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(5), true);
        var directory = new CustomerDirectory(CustomerClientConfiguration.clients(properties, ObservationRegistry.NOOP),
                properties, new ProtectionSwitch(true), BulkheadRegistry.ofDefaults(), CircuitBreakerRegistry.ofDefaults(), RetryRegistry.ofDefaults());

        assertThat(directory.find(new CustomerId(ADA))).contains(new CustomerName("Ada", "Lovelace"));
        assertThat(directory.find(new CustomerId(NOBODY))).isEmpty();
    }
}
