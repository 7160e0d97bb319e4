package org.erlbank.account.owners;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.erlbank.account.customers.ServiceTokenProperties;
import org.erlbank.account.customers.ServiceTokens;
import org.erlbank.testing.AtOnce;
import org.erlbank.testing.security.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The replica follows a stand-in customer feed (the feed's real pages' shape) into a real database: from zero on a
 * long history, after a restart from where it stopped, over pages and events seen twice, and it stops at a gap.
 * Subclasses choose the database.
 */
@JdbcTest
@Import({ OwnerReplica.class, FeedFollowerContract.Config.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
abstract class FeedFollowerContract {

    @RegisterExtension
    static final WireMockExtension customerService = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

    @TestConfiguration(proxyBeanMethods = false)
    static class Config {

        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
        }
    }

    @Autowired
    OwnerReplica replica;

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void emptyReplica() {
        customerService.resetAll();
        var jdbc = new JdbcTemplate(dataSource);
        jdbc.update("delete from owner_replica");
        jdbc.update("update feed_position set last_position = 0, read_at = null");
    }

    /** A follower as a fresh start of account-service makes one: it knows nothing but the database. */
    private FeedFollower follower() {
        var client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        return new FeedFollower(RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(client)).build(),
                URI.create(customerService.baseUrl()), replica);
    }

    @Test
    void readsALongHistoryFromTheStartAndContinuesAfterARestart() {
        feedOf(1_050);

        assertThat(follower().catchUp()).isEqualTo(1_050);
        assertThat(replica.position().lastPosition()).isEqualTo(1_050);
        assertThat(replica.position().readAt()).contains(Instant.parse("2026-11-26T12:00:00Z"));
        // Customer 7 was renamed at positions 7 + 100 k: the replica has the last name.
        assertThat(replica.nameOf(customer(7))).hasValueSatisfying(name -> {
            assertThat(name.surname()).isEqualTo("Surname1007");
            assertThat(name.position()).isEqualTo(1_007);
        });

        // Five more events; a new follower (account-service restarted) asks from 1051 and gets the page with all
        // of 1001 to 1055: it applies the five, the rest it has.
        feedOf(1_055);
        var restarted = follower();
        assertThat(restarted.catchUp()).isEqualTo(5);
        assertThat(replica.position().lastPosition()).isEqualTo(1_055);
        customerService.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlEqualTo("/customer-feed/from?position=1051")));
    }

    @Test
    void aPageReadTwiceChangesNothing() {
        feedOf(30);
        var follower = follower();

        assertThat(follower.catchUp()).isEqualTo(30);
        assertThat(follower.catchUp()).isZero();
        assertThat(replica.apply(List.of(event(12, 12, "Twice"), event(13, 13, "Twice")))).isZero();

        assertThat(replica.position().lastPosition()).isEqualTo(30);
        assertThat(replica.nameOf(customer(12)).orElseThrow().surname()).isEqualTo("Surname12");
    }

    /**
     * Two instances of account-service follow the one feed into the one replica at the same moment: each event is
     * applied once, by one of them, none is missed, and the replica ends where the feed does. (Each applies a page
     * under the position's row lock, from the position it finds there.)
     */
    @Test
    void twoFollowersAtOnceApplyEveryEventOnceBetweenThem() throws Exception {
        feedOf(1_050);

        var applied = AtOnce.run(2, () -> follower().catchUp());

        assertThat(applied.get(0) + applied.get(1)).isEqualTo(1_050);
        assertThat(replica.position().lastPosition()).isEqualTo(1_050);
        assertThat(new JdbcTemplate(dataSource).queryForObject("select count(*) from owner_replica", Integer.class))
                .isEqualTo(100);
        assertThat(replica.nameOf(customer(7))).hasValueSatisfying(name -> {
            assertThat(name.surname()).isEqualTo("Surname1007");
            assertThat(name.position()).isEqualTo(1_007);
        });
    }

    @Test
    void aGapStopsTheReplicaWhereItIsAndIsReported() {
        page(0, "/customer-feed/from?position=1", List.of(event(1, 1, "A"), event(2, 2, "B"), event(4, 4, "D")),
                false);

        assertThatThrownBy(() -> follower().catchUp()).isInstanceOf(FeedGapException.class)
                .hasMessageContaining("skipped from position 2 to 4");
        assertThat(replica.position().lastPosition()).isZero();
        assertThat(replica.nameOf(customer(1))).isEmpty();

        var follower = follower();
        follower.poll();
        assertThat(follower.trouble()).hasValueSatisfying(trouble -> assertThat(trouble).contains("gap"));
    }

    @Test
    void aFeedThatCannotBeReadLeavesTheReplicaAsItWasUntilItCanAgain() {
        feedOf(3);
        var follower = follower();
        follower.catchUp();
        customerService.resetAll();
        customerService.stubFor(get(urlEqualTo("/customer-feed/from?position=4"))
                .willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(follower::catchUp).isInstanceOf(RestClientException.class);
        follower.poll();
        assertThat(follower.trouble()).contains("Cannot read the customer feed (customer-service answered 503 Service"
                + " Unavailable); the replica stays at position 3 and will catch up");
        assertThat(replica.position().lastPosition()).isEqualTo(3);

        feedOf(4);
        follower.poll();
        assertThat(follower.trouble()).isEmpty();
        assertThat(replica.position().lastPosition()).isEqualTo(4);
    }

    /**
     * The feed is read with account-service's own token for it (scope {@code customers.feed}); without a token
     * (auth-server in trouble) the feed is as unreadable as when customer-service is down: the replica stays, the
     * trouble is reported, and it catches up once a token comes again.
     */
    @Test
    void readsWithItsOwnFeedTokenAndWaitsOutAnAuthServerInTrouble() throws Exception {
        try (var authServer = TestIssuer.start().client("account-service", "secret", "customers.read",
                "customers.feed")) {
            feedOf(3);
            var follower = follower(authServer);
            assertThat(follower.catchUp()).isEqualTo(3);
            var feedRequests = customerService.getAllServeEvents();
            assertThat(feedRequests).isNotEmpty().allSatisfy(event -> {
                var token = event.getRequest().getHeader("Authorization").substring("Bearer ".length());
                var claims = com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet();
                assertThat(claims.getSubject()).isEqualTo("account-service");
                assertThat(claims.getStringListClaim("scope")).containsExactly("customers.feed");
            });

            feedOf(4);
            // A restarted account-service, with no token yet, while auth-server fails.
            follower = follower(authServer);
            authServer.failing(true);
            follower.poll();
            assertThat(follower.trouble()).contains("Cannot read the customer feed (no token from auth-server: "
                    + "invalid_token_response); the replica stays at position 3 and will catch up");
            assertThat(replica.position().lastPosition()).isEqualTo(3);
            customerService.verify(0, getRequestedFor(urlEqualTo("/customer-feed/from?position=4")));

            authServer.failing(false);
            // The failed token request paused asking auth-server (ServiceTokens' back-off, 1 s at first): the
            // follower catches up at its first poll after the pause.
            var restarted = follower;
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
                restarted.poll();
                return restarted.trouble().isEmpty();
            });
            assertThat(replica.position().lastPosition()).isEqualTo(4);
        }
    }

    /** A follower as production's, with account-service's token for the feed from {@code authServer}. */
    private FeedFollower follower(TestIssuer authServer) {
        var registration = ClientRegistration.withRegistrationId(ServiceTokens.CUSTOMER_FEED)
                .clientId("account-service").clientSecret("secret")
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS).scope("customers.feed")
                .tokenUri(authServer.tokenUri().toString()).build();
        var tokens = new ServiceTokens(new InMemoryClientRegistrationRepository(registration),
                new ServiceTokenProperties(null, null, null));
        var client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        return new FeedFollower(RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(client))
                .requestInterceptor(tokens.bearer(ServiceTokens.CUSTOMER_FEED)).build(),
                URI.create(customerService.baseUrl()), replica);
    }

    /**
     * A feed of {@code last} events in pages of 100, as customer-service serves it: customer {@code k} (1 to 100)
     * is registered at position {@code k} and renamed at {@code k + 100}, {@code k + 200}, ...
     */
    private static void feedOf(long last) {
        customerService.resetAll();
        long head = last / 100;
        for (long page = 0; page <= head; page++) {
            long first = page * 100 + 1;
            var events = LongStream.rangeClosed(first, Math.min(first + 99, last))
                    .mapToObj(position -> event(position, (position - 1) % 100 + 1, "Surname" + position)).toList();
            page(page, "/customer-feed/pages/" + page, events, page < head);
        }
        // "from" leads to the page holding the position, as customer-service answers it.
        for (long position = Math.max(1, last - 200); position <= last + 1; position++) {
            customerService.stubFor(get(urlEqualTo("/customer-feed/from?position=" + position))
                    .willReturn(aResponse().withStatus(303)
                            .withHeader("Location", "/customer-feed/pages/" + (position - 1) / 100)));
        }
        customerService.stubFor(get(urlEqualTo("/customer-feed/from?position=1"))
                .willReturn(aResponse().withStatus(303).withHeader("Location", "/customer-feed/pages/0")));
    }

    private static void page(long page, String path, List<FeedEvent> events, boolean full) {
        var next = full ? ",\"next\":{\"href\":\"" + customerService.baseUrl() + "/customer-feed/pages/" + (page + 1)
                + "\"}" : "";
        var body = "{\"page\":" + page + ",\"full\":" + full + ",\"events\":[" + events.stream()
                .map(event -> """
                        {"position":%d,"type":"customer-renamed","customerId":"%s","occurredAt":"2026-11-26T11:00:00Z",
                         "customer":{"givenName":"%s","familyName":"%s"}}""".formatted(event.position(),
                        event.customerId(), event.givenName(), event.familyName()))
                .collect(Collectors.joining(",")) + "],\"_links\":{\"self\":{\"href\":\"x\"}" + next + "}}";
        customerService.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/hal+json").withBody(body)));
    }

    private static FeedEvent event(long position, long customer, String surname) {
        return new FeedEvent(position, customer(customer), "Given" + customer, surname);
    }

    private static UUID customer(long number) {
        return UUID.fromString(String.format("c0000000-0000-4000-8000-%012d", number));
    }
}
