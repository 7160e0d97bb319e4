package org.erlbank.customer.customers.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.erlbank.customer.customers.web.ProblemAssertions.assertProblem;
import static org.erlbank.customer.customers.web.SliceTokens.as;
import static org.erlbank.customer.customers.web.SliceTokens.withoutToken;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.LongStream;
import org.erlbank.customer.customers.CustomerEvent;
import org.erlbank.customer.customers.CustomerFeed;
import org.erlbank.customer.customers.CustomerId;
import org.erlbank.customer.customers.PersonName;
import org.erlbank.customer.customers.PostalAddress;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.hateoas.MediaTypes;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@SecuredSlice
@WebMvcTest(controllers = CustomerFeedController.class)
class CustomerFeedControllerTest {

    private static final CustomerId ADA = new CustomerId(UUID.fromString("c0000000-0000-4000-8000-000000000001"));
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    CustomerFeed feed;

    @Test
    void theEntryPointLinksTheFirstAndTheHeadPageAndATemplateToAnyPosition() {
        given(feed.lastPosition()).willReturn(250L);

        var result = mvc.get().uri("/customer-feed").accept(MediaTypes.HAL_JSON).exchange();

        assertThat(result).hasStatusOk().hasHeader("Cache-Control", "no-cache");
        var json = assertThat(result).bodyJson();
        json.extractingPath("$.pageSize").isEqualTo(100);
        json.extractingPath("$.lastPosition").isEqualTo(250);
        json.extractingPath("$._links.first.href").isEqualTo("http://localhost/customer-feed/pages/0");
        json.extractingPath("$._links.head.href").isEqualTo("http://localhost/customer-feed/pages/2");
        json.extractingPath("$._links.from.href").isEqualTo("http://localhost/customer-feed/from?position={position}");
        json.extractingPath("$._links.from.templated").isEqualTo(true);
    }

    @Test
    void aFullPageIsCachedForEverAndLeadsOn() {
        given(feed.lastPosition()).willReturn(250L);
        given(feed.between(101, 200)).willReturn(events(101, 200));

        var result = mvc.get().uri("/customer-feed/pages/1").exchange();

        assertThat(result).hasStatusOk().hasHeader("ETag", "\"1-full\"")
                .hasHeader("Cache-Control", "max-age=31536000, private, immutable");
        var json = assertThat(result).bodyJson();
        json.extractingPath("$.full").isEqualTo(true);
        json.extractingPath("$.firstPosition").isEqualTo(101);
        json.extractingPath("$.lastPosition").isEqualTo(200);
        json.extractingPath("$.events.length()").isEqualTo(100);
        json.extractingPath("$.events[0].position").isEqualTo(101);
        json.extractingPath("$.events[0].type").isEqualTo("customer-registered");
        json.extractingPath("$.events[0].customer.familyName").isEqualTo("Lovelace");
        json.extractingPath("$.events[0].customer.postalAddress.country").isEqualTo("GB");
        json.extractingPath("$._links.next.href").isEqualTo("http://localhost/customer-feed/pages/2");
        json.extractingPath("$._links.prev.href").isEqualTo("http://localhost/customer-feed/pages/0");
        json.extractingPath("$._links.head.href").isEqualTo("http://localhost/customer-feed/pages/2");
    }

    @Test
    void theHeadPageIsRevalidatedByItsETagAndHasNoNextYet() {
        given(feed.lastPosition()).willReturn(250L);
        // Read up to the last position it read: an event committed in between waits for the next request.
        given(feed.between(201, 250)).willReturn(events(201, 250));

        var result = mvc.get().uri("/customer-feed/pages/2").exchange();

        assertThat(result).hasStatusOk().hasHeader("ETag", "\"2-250\"").hasHeader("Cache-Control", "no-cache");
        var json = assertThat(result).bodyJson();
        json.extractingPath("$.full").isEqualTo(false);
        json.extractingPath("$.events.length()").isEqualTo(50);
        json.doesNotHavePath("$._links.next");
        assertThat(mvc.get().uri("/customer-feed/pages/2").header("If-None-Match", "\"2-250\""))
                .hasStatus(HttpStatus.NOT_MODIFIED);
        given(feed.lastPosition()).willReturn(251L);
        assertThat(mvc.get().uri("/customer-feed/pages/2").header("If-None-Match", "\"2-250\"")).hasStatusOk();
    }

    @Test
    void aFullHeadPageMeansAnEmptyHeadPageAfterIt() {
        given(feed.lastPosition()).willReturn(100L);
        given(feed.between(101, 100)).willReturn(List.of());

        var json = assertThat(mvc.get().uri("/customer-feed/pages/1").exchange()).bodyJson();

        json.extractingPath("$.full").isEqualTo(false);
        json.extractingPath("$.events.length()").isEqualTo(0);
    }

    @Test
    void leadsFromAPositionToItsPage() {
        assertThat(mvc.get().uri("/customer-feed/from?position=1").exchange()).hasStatus(HttpStatus.SEE_OTHER)
                .hasHeader("Location", "http://localhost/customer-feed/pages/0");
        assertThat(mvc.get().uri("/customer-feed/from?position=100").exchange())
                .hasHeader("Location", "http://localhost/customer-feed/pages/0");
        assertThat(mvc.get().uri("/customer-feed/from?position=101").exchange())
                .hasHeader("Location", "http://localhost/customer-feed/pages/1");
    }

    /** A consumer asks for HAL, as it does for the page it is led to (a redirect repeats the request's headers). */
    @Test
    void leadsAClientThatAsksForHalToItsPage() {
        var answer = assertThat(mvc.get().uri("/customer-feed/from?position=101").accept(MediaTypes.HAL_JSON)
                .exchange());

        answer.hasStatus(HttpStatus.SEE_OTHER).hasHeader("Location", "http://localhost/customer-feed/pages/1")
                .hasContentTypeCompatibleWith(MediaTypes.HAL_JSON);
        // RFC 9110's short note for a 303: the same link, in HAL.
        answer.bodyJson().extractingPath("$._links.page.href").isEqualTo("http://localhost/customer-feed/pages/1");
        answer.bodyJson().extractingPath("$.position").isEqualTo(101);
        answer.bodyJson().extractingPath("$.page").isEqualTo(1);
    }

    @Test
    void refusesPagesBeyondTheHeadAndNumbersOutOfRange() {
        given(feed.lastPosition()).willReturn(250L);

        assertProblem(mvc.get().uri("/customer-feed/pages/3").exchange(), HttpStatus.NOT_FOUND, "not-found");
        assertProblem(mvc.get().uri("/customer-feed/pages/-1").exchange(), HttpStatus.BAD_REQUEST,
                "validation-failed");
        assertProblem(mvc.get().uri("/customer-feed/pages/x").exchange(), HttpStatus.BAD_REQUEST, "validation-failed");
        assertProblem(mvc.get().uri("/customer-feed/from?position=0").exchange(), HttpStatus.BAD_REQUEST,
                "validation-failed");
        assertProblem(mvc.get().uri("/customer-feed/from").exchange(), HttpStatus.BAD_REQUEST, "malformed-request");
    }

    /** The teller reads the feed (every other test's token); so does a service with its scope, and nobody else. */
    @Test
    void aServiceReadsTheFeedWithItsScope() {
        given(feed.lastPosition()).willReturn(250L);
        given(feed.between(101, 200)).willReturn(events(101, 200));
        var follower = SliceTokens.service(CustomerAccess.FEED_SCOPE);

        assertThat(mvc.get().uri("/customer-feed").with(as(follower)).exchange()).hasStatusOk();
        assertThat(mvc.get().uri("/customer-feed/pages/1").with(as(follower)).exchange()).hasStatusOk();
        assertThat(mvc.get().uri("/customer-feed/from?position=101").with(as(follower)).exchange())
                .hasStatus(HttpStatus.SEE_OTHER);
    }

    @Test
    void refusesTheFeedToACustomerAndToAServiceWithoutItsScope() {
        var ada = SliceTokens.customer(ADA.value());
        var reader = SliceTokens.service(CustomerAccess.READ_SCOPE);

        for (var path : new String[] { "/customer-feed", "/customer-feed/pages/0", "/customer-feed/from?position=1" }) {
            assertProblem(mvc.get().uri(path).with(as(ada)).exchange(), HttpStatus.FORBIDDEN, "forbidden");
            assertProblem(mvc.get().uri(path).with(as(reader)).exchange(), HttpStatus.FORBIDDEN, "forbidden");
            assertProblem(mvc.get().uri(path).with(withoutToken()).exchange(), HttpStatus.UNAUTHORIZED,
                    "unauthorized");
        }
        verifyNoInteractions(feed);
    }

    private static List<CustomerEvent> events(long first, long last) {
        var address = Optional.of(new PostalAddress("12 St James's Square", "SW1Y 4JH", "London", "GB"));
        return LongStream.rangeClosed(first, last).mapToObj(position -> new CustomerEvent(position,
                CustomerFeed.REGISTERED, ADA, NOW, new PersonName("Ada", "Lovelace"), address)).toList();
    }
}
