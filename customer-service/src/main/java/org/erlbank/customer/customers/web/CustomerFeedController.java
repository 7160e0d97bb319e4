package org.erlbank.customer.customers.web;

import static org.springframework.hateoas.server.mvc.WebMvcLinkBuilder.linkTo;
import static org.springframework.hateoas.server.mvc.WebMvcLinkBuilder.methodOn;

import java.time.Duration;
import java.time.ZoneOffset;
import org.erlbank.customer.api.feed.FeedApi;
import org.erlbank.customer.api.feed.model.CustomerEventModel;
import org.erlbank.customer.api.feed.model.CustomerStateModel;
import org.erlbank.customer.api.feed.model.FeedModel;
import org.erlbank.customer.api.feed.model.FeedPageModel;
import org.erlbank.customer.api.feed.model.FeedPositionModel;
import org.erlbank.customer.api.feed.model.PostalAddressModel;
import org.erlbank.customer.customers.CustomerEvent;
import org.erlbank.customer.customers.CustomerFeed;
import org.erlbank.http.ProblemException;
import org.erlbank.http.ProblemType;
import org.springframework.hateoas.IanaLinkRelations;
import org.springframework.hateoas.Link;
import org.springframework.hateoas.LinkRelation;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer feed API, as generated from {@code customer-feed-api-v1.yaml}: pages of a fixed range of positions,
 * a full page cacheable for ever, the page at the head revalidated by its {@code ETag}. Read by the teller and by
 * services with the scope {@code customers.feed} ({@link CustomerAccess}).
 */
@RestController
class CustomerFeedController implements FeedApi {

    /** Events per page: part of the contract (page {@code n} holds positions {@code n * 100 + 1} on). */
    static final int PAGE_SIZE = 100;

    static final LinkRelation HEAD = LinkRelation.of("head");
    static final LinkRelation FROM = LinkRelation.of("from");
    static final LinkRelation PAGE = LinkRelation.of("page");

    // private: a page is read with a token, and a shared cache must not hand it to whoever asks (RFC 9111 3.5).
    private static final CacheControl FOR_EVER = CacheControl.maxAge(Duration.ofDays(365)).cachePrivate().immutable();

    private final CustomerFeed feed;
    private final CustomerAccess access;

    CustomerFeedController(CustomerFeed feed, CustomerAccess access) {
        this.feed = feed;
        this.access = access;
    }

    @Override
    public ResponseEntity<FeedModel> getFeed() {
        access.requireFeed();
        long last = feed.lastPosition();
        var model = new FeedModel(PAGE_SIZE, last);
        model.add(linkTo(methodOn(CustomerFeedController.class).getFeed()).withSelfRel());
        model.add(page(0L, IanaLinkRelations.FIRST));
        model.add(page(headPage(last), HEAD));
        model.add(linkTo(methodOn(CustomerFeedController.class).getPageFrom(null)).withRel(FROM));
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(model);
    }

    /**
     * {@code 303} to the page holding the position, with a short HAL note linking there too (RFC 9110 recommends the
     * note; it also lets a client that asks for HAL, as it will for the page, be answered rather than refused). The
     * generator types the bodies of 2xx answers only, hence the raw type.
     */
    @Override
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public ResponseEntity<Void> getPageFrom(Long position) {
        access.requireFeed();
        long page = (position - 1) / PAGE_SIZE;
        var link = page(page, PAGE);
        var note = new FeedPositionModel(position, page);
        note.add(link);
        return (ResponseEntity) ResponseEntity.status(HttpStatus.SEE_OTHER).location(link.toUri()).body(note);
    }

    @Override
    public ResponseEntity<FeedPageModel> getPage(Long page) {
        access.requireFeed();
        long last = feed.lastPosition();
        long head = headPage(last);
        if (page > head) {
            throw new ProblemException(ProblemType.NOT_FOUND.with(
                    "Page " + page + " is beyond the head of the feed (page " + head + ")."));
        }
        long first = page * PAGE_SIZE + 1;
        long lastOfPage = first + PAGE_SIZE - 1;
        boolean full = page < head;
        // Up to the last position read above, not what has been committed since: the page's events, its ETag and
        // whether it is full all describe the same moment.
        var model = new FeedPageModel(page, first, lastOfPage, full,
                feed.between(first, Math.min(lastOfPage, last)).stream().map(CustomerFeedController::toModel)
                        .toList());
        model.add(page(page, IanaLinkRelations.SELF));
        if (full) {
            model.add(page(page + 1, IanaLinkRelations.NEXT));
        }
        if (page > 0) {
            model.add(page(page - 1, IanaLinkRelations.PREV));
        }
        model.add(page(0L, IanaLinkRelations.FIRST));
        model.add(page(head, HEAD));
        // A full page is final: cache it for ever. The head page changes with every event: revalidate it.
        return full
                ? ResponseEntity.ok().cacheControl(FOR_EVER).eTag("\"" + page + "-full\"").body(model)
                : ResponseEntity.ok().cacheControl(CacheControl.noCache()).eTag("\"" + page + "-" + last + "\"")
                        .body(model);
    }

    /** The page that holds the next position to be written. */
    private static long headPage(long lastPosition) {
        return lastPosition / PAGE_SIZE;
    }

    private static Link page(long page, LinkRelation relation) {
        return linkTo(methodOn(CustomerFeedController.class).getPage(page)).withRel(relation);
    }

    private static CustomerEventModel toModel(CustomerEvent event) {
        var customer = new CustomerStateModel(event.name().givenName(), event.name().surname());
        event.postalAddress().ifPresent(address -> customer.postalAddress(new PostalAddressModel(
                address.street(), address.postalCode(), address.city(), address.country())));
        return new CustomerEventModel(event.position(), CustomerEventModel.TypeEnum.fromValue(event.type()),
                event.customerId().value(), event.occurredAt().atOffset(ZoneOffset.UTC), customer);
    }
}
