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
import com.nimbusds.jwt.SignedJWT;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.erlbank.contracts.PactTokens;
import org.erlbank.testing.security.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * account-service's contract with customer-service, written by the code account-service really runs: its
 * {@link CustomerDirectory} on the client generated from the customer API's spec. It covers every call account-service
 * makes: a customer that exists (opening an account; the name on a statement) and one that does not.
 * Values are matched by type, not literally; the ids are the provider states' own.
 * <p>
 * account-service calls as itself, with the token it gets for reading customers (client credentials, scope
 * {@code customers.read}) from a stand-in auth-server: the pact relies on a bearer token being sent, and its provider
 * state says whose ("account-service calls with scope customers.read"), so the verification sends a real one.
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
    private static final String CALLER = "account-service calls with scope customers.read";

    private static final TestIssuer authServer = TestIssuer.start()
            .client("account-service", "account-service-secret", "customers.read", "customers.feed");

    @AfterAll
    static void stopAuthServer() {
        authServer.stop();
    }

    @Pact(consumer = "account-service")
    V4Pact customerLookups(PactDslWithProvider builder) {
        return builder
                // Which build of the consumer wrote it: the version a Pact Broker would record it under.
                .addMetadataValue("consumerVersion", System.getProperty("erlbank.version", "unknown"))
                // Which API, in which major version, it relies on: account-service stays on v1 while v2 exists.
                .addMetadataValue("providerApi", "customer-api-v1")
                .given(CALLER)
                .given("customer " + ADA + " exists")
                .uponReceiving("a lookup of a customer who exists")
                    .method("GET").path("/customers/" + ADA)
                    .matchHeader("Accept", ACCEPTED, "application/hal+json")
                    .matchHeader(PactTokens.AUTHORIZATION, PactTokens.BEARER, PactTokens.example("account-service"))
                .willRespondWith()
                    .status(200)
                    .matchHeader("Content-Type", "application/hal\\+json.*", "application/hal+json")
                    .body(new PactDslJsonBody()
                            .uuid("id", ADA)
                            .stringType("givenName", "Ada")
                            .stringType("surname", "Lovelace"))
                .given(CALLER)
                .given("no customer " + NOBODY + " exists")
                .uponReceiving("a lookup of a customer nobody knows")
                    .method("GET").path("/customers/" + NOBODY)
                    .matchHeader("Accept", ACCEPTED, "application/hal+json")
                    .matchHeader(PactTokens.AUTHORIZATION, PactTokens.BEARER, PactTokens.example("account-service"))
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
    void findsTheCustomersThatExistAndNoOthers(MockServer customerService) throws ParseException {
        var properties = new CustomerServiceProperties(URI.create(customerService.getUrl()), Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(5), true);
        var tokenRequestsBefore = authServer.tokenRequests();
        var sent = new CopyOnWriteArrayList<String>();
        var directory = new CustomerDirectory(CustomerClientConfiguration.clients(properties, ObservationRegistry.NOOP,
                        recording(serviceTokens().bearer(ServiceTokens.CUSTOMER_LOOKUPS), sent)),
                properties, new ProtectionSwitch(true), BulkheadRegistry.ofDefaults(), CircuitBreakerRegistry.ofDefaults(), RetryRegistry.ofDefaults(),
                ObservationRegistry.NOOP);

        assertThat(directory.find(new CustomerId(ADA))).contains(new CustomerName("Ada", "Lovelace"));
        assertThat(directory.find(new CustomerId(NOBODY))).isEmpty();
        // Both calls carried one token, account-service's for reading customers from the token endpoint, which was
        // asked once: the token is kept, not fetched per call.
        assertThat(sent).hasSize(2).containsOnly(sent.get(0));
        var claims = SignedJWT.parse(sent.get(0).substring("Bearer ".length())).getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(authServer.issuer());
        assertThat(claims.getSubject()).isEqualTo("account-service");
        assertThat(claims.getClaim("scope")).isEqualTo(List.of("customers.read"));
        assertThat(authServer.tokenRequests() - tokenRequestsBefore).isEqualTo(1);
    }

    /** The token interceptor, noting the Authorization each request leaves with. */
    private static ClientHttpRequestInterceptor recording(ClientHttpRequestInterceptor token, List<String> sent) {
        return (request, body, execution) -> token.intercept(request, body, (withToken, sameBody) -> {
            sent.add(withToken.getHeaders().getFirst(PactTokens.AUTHORIZATION));
            return execution.execute(withToken, sameBody);
        });
    }

    /** account-service's tokens as it gets them deployed ({@code spring.security.oauth2.client.registration}). */
    private static ServiceTokens serviceTokens() {
        var registration = ClientRegistration.withRegistrationId(ServiceTokens.CUSTOMER_LOOKUPS)
                .clientId("account-service").clientSecret("account-service-secret")
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).scope("customers.read")
                .tokenUri(authServer.tokenUri().toString()).build();
        return new ServiceTokens(new InMemoryClientRegistrationRepository(registration),
                new ServiceTokenProperties(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(30)));
    }
}
