package org.erlbank.account.owners;

import static org.assertj.core.api.Assertions.assertThat;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.erlbank.account.customers.CustomerServiceProperties;
import org.erlbank.account.customers.ServiceTokenProperties;
import org.erlbank.account.customers.ServiceTokens;
import org.erlbank.contracts.PactTokens;
import org.erlbank.testing.security.TestIssuer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * account-service's contract with the customer feed, written by the code account-service runs: its
 * {@link FeedFollower}, made as its configuration makes it, into a real {@link OwnerReplica} (on an in-memory
 * database). It relies on the {@code from} redirect and on each event's position, customer id and name; nothing else
 * of the feed. It reads the feed as account-service, with its token for the feed (client credentials, scope
 * {@code customers.feed}) from a stand-in auth-server; the redirect is followed with the token too.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "customer-service", pactVersion = PactSpecVersion.V4)
class FeedFollowerPactTest {

    static final UUID ADA = UUID.fromString("c0000000-0000-4000-8000-000000000001");
    private static final String STATE = "customer " + ADA + " exists";
    private static final String CALLER = "account-service calls with scope customers.feed";

    private static final TestIssuer authServer = TestIssuer.start()
            .client("account-service", "account-service-secret", "customers.read", "customers.feed");

    @AfterAll
    static void stopAuthServer() {
        authServer.stop();
    }

    // A consumer name of its own: one pact file per API a consumer relies on (account-service's lookups are another).
    @Pact(consumer = "account-service-replica")
    V4Pact followingTheFeed(PactDslWithProvider builder) {
        return builder
                .addMetadataValue("consumerVersion", System.getProperty("erlbank.version", "unknown"))
                .addMetadataValue("providerApi", "customer-feed-api-v1")
                .given(CALLER)
                .given(STATE)
                .uponReceiving("a request for the feed from its first position")
                    .method("GET").path("/customer-feed/from").query("position=1")
                    // The follower asks for HAL here too: the redirect repeats the request, headers and all.
                    .matchHeader("Accept", "application/hal\\+json", "application/hal+json")
                    .matchHeader(PactTokens.AUTHORIZATION, PactTokens.BEARER, PactTokens.example("account-service"))
                .willRespondWith()
                    .status(303)
                    .matchHeader("Location", ".*/customer-feed/pages/0", "/customer-feed/pages/0")
                .given(CALLER)
                .given(STATE)
                .uponReceiving("a request for the feed's first page")
                    .method("GET").path("/customer-feed/pages/0")
                    .matchHeader("Accept", "application/hal\\+json", "application/hal+json")
                    .matchHeader(PactTokens.AUTHORIZATION, PactTokens.BEARER, PactTokens.example("account-service"))
                .willRespondWith()
                    .status(200)
                    .matchHeader("Content-Type", "application/hal\\+json.*", "application/hal+json")
                    .body(new PactDslJsonBody()
                            .minArrayLike("events", 1)
                                .integerType("position", 1L)
                                .uuid("customerId", ADA)
                                .object("customer")
                                    .stringType("givenName", "Ada")
                                    .stringType("familyName", "Lovelace")
                                .closeObject()
                            .closeObject()
                            .closeArray())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "followingTheFeed")
    void followsTheFeedIntoItsReplica(MockServer customerService) {
        var dataSource = new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:replica-pact;DB_CLOSE_DELAY=-1",
                "sa", "");
        // account-service's own migrations (the class path holds customer-service's too).
        Flyway.configure().dataSource(dataSource)
                .locations("filesystem:../account-service/src/main/resources/db/migration").load().migrate();
        var replica = new OwnerReplica(JdbcClient.create(dataSource), Clock.systemUTC());
        var tokenRequestsBefore = authServer.tokenRequests();
        var follower = new OwnerReplicaConfiguration().feedFollower(new CustomerServiceProperties(
                URI.create(customerService.getUrl()), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5),
                true), serviceTokens(), replica);

        assertThat(follower.catchUp()).isEqualTo(1);
        assertThat(replica.nameOf(ADA)).hasValueSatisfying(name -> assertThat(name.surname()).isEqualTo("Lovelace"));
        assertThat(replica.position().lastPosition()).isEqualTo(1);
        // Both requests (the redirect's too) carried the token from the token endpoint, asked for once.
        assertThat(authServer.tokenRequests() - tokenRequestsBefore).isEqualTo(1);
    }

    /** account-service's tokens as it gets them deployed ({@code spring.security.oauth2.client.registration}). */
    private static ServiceTokens serviceTokens() {
        var registration = ClientRegistration.withRegistrationId(ServiceTokens.CUSTOMER_FEED)
                .clientId("account-service").clientSecret("account-service-secret")
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).scope("customers.feed")
                .tokenUri(authServer.tokenUri().toString()).build();
        return new ServiceTokens(new InMemoryClientRegistrationRepository(registration),
                new ServiceTokenProperties(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(30)));
    }
}
