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
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.web.client.RestClient;

/**
 * account-service's contract with the customer feed, written by the code account-service runs: its
 * {@link FeedFollower} into a real {@link OwnerReplica} (on an in-memory database). It relies on the {@code from}
 * redirect and on each event's position, customer id and name; nothing else of the feed.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "customer-service", pactVersion = PactSpecVersion.V4)
class FeedFollowerPactTest {

    static final UUID ADA = UUID.fromString("c0000000-0000-4000-8000-000000000001");
    private static final String STATE = "customer " + ADA + " exists";

    // A consumer name of its own: one pact file per API a consumer relies on (account-service's lookups are another).
    @Pact(consumer = "account-service-replica")
    V4Pact followingTheFeed(PactDslWithProvider builder) {
        return builder
                .addMetadataValue("consumerVersion", System.getProperty("erlbank.version", "unknown"))
                .addMetadataValue("providerApi", "customer-feed-api-v1")
                .given(STATE)
                .uponReceiving("a request for the feed from its first position")
                    .method("GET").path("/customer-feed/from").query("position=1")
                    // The follower asks for HAL here too: the redirect repeats the request, headers and all.
                    .matchHeader("Accept", "application/hal\\+json", "application/hal+json")
                .willRespondWith()
                    .status(303)
                    .matchHeader("Location", ".*/customer-feed/pages/0", "/customer-feed/pages/0")
                .given(STATE)
                .uponReceiving("a request for the feed's first page")
                    .method("GET").path("/customer-feed/pages/0")
                    .matchHeader("Accept", "application/hal\\+json", "application/hal+json")
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
        var client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        var follower = new FeedFollower(RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(client))
                .build(), URI.create(customerService.getUrl()), replica);

        assertThat(follower.catchUp()).isEqualTo(1);
        assertThat(replica.nameOf(ADA)).hasValueSatisfying(name -> assertThat(name.surname()).isEqualTo("Lovelace"));
        assertThat(replica.position().lastPosition()).isEqualTo(1);
    }
}
