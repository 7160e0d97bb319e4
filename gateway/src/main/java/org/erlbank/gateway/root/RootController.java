package org.erlbank.gateway.root;

import java.net.URI;
import org.erlbank.gateway.edge.PublicOrigin;
import org.springframework.hateoas.IanaLinkRelations;
import org.springframework.hateoas.Link;
import org.springframework.hateoas.LinkRelation;
import org.springframework.hateoas.MediaTypes;
import org.springframework.hateoas.RepresentationModel;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Erlbank's root resource: from here a client reaches every resource by following link relations.
 * Our own relations ({@code customers}, {@code customers-v2}, {@code accounts}, and those the resources carry) are
 * documented at {@code /docs/relations.html}, linked as {@code help}.
 */
@RestController
class RootController {

    static final LinkRelation CUSTOMERS = LinkRelation.of("customers");
    static final LinkRelation CUSTOMERS_V2 = LinkRelation.of("customers-v2");
    static final LinkRelation ACCOUNTS = LinkRelation.of("accounts");
    static final LinkRelation CUSTOMER_FEED = LinkRelation.of("customer-feed");
    static final LinkRelation EXPLORER = LinkRelation.of("explorer");
    // IANA-registered (RFC 8631), but newer than Spring HATEOAS' list of them.
    static final LinkRelation SERVICE_DOC = LinkRelation.of("service-doc");
    static final LinkRelation SERVICE_DESC = LinkRelation.of("service-desc");
    static final LinkRelation STATUS = LinkRelation.of("status");

    // Plain JSON last: a client that accepts anything gets HAL's own media type.
    @GetMapping(path = "/", produces = { MediaTypes.HAL_JSON_VALUE, MediaTypes.HAL_FORMS_JSON_VALUE,
            MediaType.APPLICATION_JSON_VALUE })
    RepresentationModel<?> root() {
        var origin = PublicOrigin.current();
        return new RepresentationModel<>()
                .add(Link.of(origin.uri("/"), IanaLinkRelations.SELF))
                // v1 stays under its relation, so a client that follows "customers" keeps getting what it knows;
                // HAL's "deprecation" property says it is deprecated, and where to read about it.
                .add(Link.of(origin.uri("/customers{?surname,page,size}"), CUSTOMERS)
                        .withTitle("Customers (customer API v1, deprecated), a page at a time; search by surname")
                        .withDeprecation(origin.uri("/docs/customer-api-v1-deprecation.html")))
                .add(Link.of(origin.uri("/v2/customers{?familyName,page,size}"), CUSTOMERS_V2)
                        .withTitle("Customers (customer API v2), a page at a time; search by family name"))
                .add(Link.of(origin.uri("/accounts{?owner,page,size}"), ACCOUNTS)
                        .withTitle("Accounts, a page at a time; one customer's by owner"))
                .add(Link.of(origin.uri("/customer-feed"), CUSTOMER_FEED)
                        .withTitle("Everything that happens to customers, as a feed of events"))
                .add(Link.of(origin.uri("/explorer"), EXPLORER).withTitle("The HAL Explorer, opened on this resource"))
                .add(Link.of(origin.uri("/swagger-ui.html"), SERVICE_DOC)
                        .withTitle("The API docs (Swagger UI)"))
                .add(Link.of(origin.uri("/api-specs/customer-api-v2.yaml"), SERVICE_DESC)
                        .withTitle("Customer API v2 (OpenAPI)").withName("customer-api-v2"))
                .add(Link.of(origin.uri("/api-specs/customer-api-v1.yaml"), SERVICE_DESC)
                        .withTitle("Customer API v1 (OpenAPI), deprecated").withName("customer-api-v1"))
                .add(Link.of(origin.uri("/api-specs/account-api-v1.yaml"), SERVICE_DESC)
                        .withTitle("Account API v1 (OpenAPI)").withName("account-api-v1"))
                .add(Link.of(origin.uri("/api-specs/customer-feed-api-v1.yaml"), SERVICE_DESC)
                        .withTitle("Customer feed v1 (OpenAPI)").withName("customer-feed-api-v1"))
                .add(Link.of(origin.uri("/actuator/health"), STATUS)
                        .withTitle("The health of Erlbank: the gateway and every service"))
                .add(Link.of(origin.uri("/docs/relations.html"), IanaLinkRelations.HELP)
                        .withTitle("What Erlbank's link relations mean"));
    }

    /** The HAL Explorer, opened on the root resource. */
    @GetMapping("/explorer")
    ResponseEntity<Void> explorer() {
        var origin = PublicOrigin.current();
        return ResponseEntity.status(302)
                .location(URI.create(origin.uri("/webjars/hal-explorer/2.3.0/index.html#uri=" + origin.uri("/"))))
                .build();
    }
}
