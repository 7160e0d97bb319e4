package org.erlbank.account.owners;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.hateoas.MediaTypes;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;

/**
 * Follows customer-service's customer feed into the {@link OwnerReplica}: from the position after the replica's,
 * page by page along {@code next}, to the head. Each page is applied in one transaction with the position it reaches,
 * so a restart continues where the names are, a page read twice changes nothing, and a gap stops the replica where
 * it is (and is reported) instead of letting it miss a change.
 */
public class FeedFollower {

    private static final Logger log = LoggerFactory.getLogger(FeedFollower.class);

    private final RestClient http;
    private final URI customerService;
    private final OwnerReplica replica;
    private final AtomicReference<String> trouble = new AtomicReference<>();

    FeedFollower(RestClient http, URI customerService, OwnerReplica replica) {
        this.http = http;
        this.customerService = customerService;
        this.replica = replica;
    }

    /**
     * Reads the feed from the replica's position to the head.
     *
     * @return how many events were new
     * @throws FeedGapException when the feed skipped a position (nothing of that page is applied)
     * @throws RestClientException when customer-service cannot be read (what came before is kept)
     * @throws OAuth2AuthorizationException when account-service got no token to read it with (the same for the
     *         replica: what came before is kept)
     */
    public int catchUp() {
        var from = replica.position().lastPosition() + 1;
        var page = Optional.of(customerService.resolve("/customer-feed/from?position=" + from));
        int applied = 0;
        while (page.isPresent()) {
            var json = http.get().uri(page.get()).accept(MediaTypes.HAL_JSON).retrieve().body(JsonNode.class);
            applied += replica.apply(events(json));
            var next = json.path("_links").path("next").path("href");
            page = next.isMissingNode() ? Optional.empty() : Optional.of(URI.create(next.asString()));
        }
        return applied;
    }

    /** One poll: catches up, and reports a gap or an unreadable feed once, not every second. */
    public void poll() {
        try {
            int applied = catchUp();
            if (trouble.getAndSet(null) != null) {
                log.info("Reading the customer feed again; the replica is at position {}",
                        replica.position().lastPosition());
            } else if (applied > 0) {
                log.debug("{} customer events applied", applied);
            }
        } catch (FeedGapException gap) {
            report("The customer feed has a gap, " + gap.getMessage(), true);
        } catch (RestClientException | OAuth2AuthorizationException unreadable) {
            report("Cannot read the customer feed (" + reason(unreadable) + "); the replica stays at position "
                    + replica.position().lastPosition() + " and will catch up", false);
        }
    }

    /**
     * Why the feed could not be read, short and the same every time for the same trouble (a problem's body, with its
     * trace id, is neither): customer-service's status, or what the connection ran into.
     */
    private static String reason(RuntimeException unreadable) {
        if (unreadable instanceof RestClientResponseException answered) {
            return "customer-service answered " + answered.getStatusCode().value() + " " + answered.getStatusText();
        }
        if (unreadable instanceof OAuth2AuthorizationException noToken) {
            // Not the description: it can quote the token endpoint's address and changes with every error.
            return "no token from auth-server: " + noToken.getError().getErrorCode();
        }
        Throwable cause = unreadable;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** What keeps the replica from following the feed now, if anything. */
    public Optional<String> trouble() {
        return Optional.ofNullable(trouble.get());
    }

    private void report(String message, boolean error) {
        if (!message.equals(trouble.getAndSet(message))) {
            if (error) {
                log.error(message);
            } else {
                log.warn(message);
            }
        }
    }

    private static List<FeedEvent> events(JsonNode page) {
        var events = new ArrayList<FeedEvent>();
        for (var event : page.path("events")) {
            var customer = event.path("customer");
            events.add(new FeedEvent(event.path("position").asLong(),
                    UUID.fromString(event.path("customerId").asString()), customer.path("givenName").asString(),
                    customer.path("familyName").asString()));
        }
        return events;
    }
}
