package org.erlbank.gateway.root;

import java.net.URI;
import org.erlbank.gateway.edge.PublicOrigin;
import org.erlbank.gateway.security.GatewayCaller;
import org.erlbank.http.security.Caller;
import org.springframework.beans.factory.annotation.Value;
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
 * <p>
 * The root offers what its caller may use (the services decide what she may do; these links follow the same
 * rules): an anonymous caller the login; a customer her own customer record and her accounts; a teller every
 * customer, every account and the customer feed; another service what its scopes allow. Everyone gets the pages
 * for people, the specs and the status; who logged in at the gateway gets the logout.
 */
@RestController
class RootController {

    private final String traces;
    private final String metrics;

    /**
     * Where the trace viewer and Prometheus are when Erlbank runs observed ({@code ./erlbank up --observe}), else
     * empty. The two links that do not lead to the gateway: tools for people on this machine, not part of the API.
     */
    RootController(@Value("${erlbank.gateway.observation.traces:}") String traces,
            @Value("${erlbank.gateway.observation.metrics:}") String metrics) {
        this.traces = traces;
        this.metrics = metrics;
    }

    static final LinkRelation CUSTOMERS = LinkRelation.of("customers");
    static final LinkRelation CUSTOMERS_V2 = LinkRelation.of("customers-v2");
    static final LinkRelation CUSTOMER = LinkRelation.of("customer");
    static final LinkRelation CUSTOMER_V2 = LinkRelation.of("customer-v2");
    static final LinkRelation ACCOUNTS = LinkRelation.of("accounts");
    static final LinkRelation CUSTOMER_FEED = LinkRelation.of("customer-feed");
    static final LinkRelation LOGIN = LinkRelation.of("login");
    static final LinkRelation LOGOUT = LinkRelation.of("logout");
    static final LinkRelation EXPLORER = LinkRelation.of("explorer");
    // IANA-registered (RFC 8631), but newer than Spring HATEOAS' list of them.
    static final LinkRelation SERVICE_DOC = LinkRelation.of("service-doc");
    static final LinkRelation SERVICE_DESC = LinkRelation.of("service-desc");
    static final LinkRelation STATUS = LinkRelation.of("status");
    static final LinkRelation TRACES = LinkRelation.of("traces");
    static final LinkRelation METRICS = LinkRelation.of("metrics");

    /** The scopes of a service's token that open customer reads and the feed (customer-service's rules). */
    static final String CUSTOMERS_READ = "customers.read";
    static final String CUSTOMERS_FEED = "customers.feed";

    // Plain JSON last: a client that accepts anything gets HAL's own media type.
    @GetMapping(path = "/", produces = { MediaTypes.HAL_JSON_VALUE, MediaTypes.HAL_FORMS_JSON_VALUE,
            MediaType.APPLICATION_JSON_VALUE })
    RepresentationModel<?> root() {
        var origin = PublicOrigin.current();
        var root = new RepresentationModel<>().add(Link.of(origin.uri("/"), IanaLinkRelations.SELF));
        var caller = GatewayCaller.current();
        if (caller.isEmpty()) {
            root.add(Link.of(origin.uri("/oauth2/authorization/erlbank"), LOGIN)
                    .withTitle("Log in (customers and tellers), then come back here"));
        } else {
            addWhatTheCallerMayUse(root, caller.get().caller(), origin);
            if (caller.get().session()) {
                root.add(Link.of(origin.uri("/logout"), LOGOUT)
                        .withTitle("Log out (a page that asks to confirm; POST with the CSRF token logs out)"));
            }
        }
        if (!traces.isBlank()) {
            root.add(Link.of(traces, TRACES)
                    .withTitle("Traces (Zipkin, on this machine): each request, service by service"));
        }
        if (!metrics.isBlank()) {
            root.add(Link.of(metrics, METRICS)
                    .withTitle("Metrics (Prometheus, on this machine): rates, errors, p99, breakers"));
        }
        return root
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

    private static void addWhatTheCallerMayUse(RepresentationModel<?> root, Caller caller, PublicOrigin origin) {
        if (caller instanceof Caller.Customer customer) {
            root.add(Link.of(origin.uri("/customers/" + customer.id()), CUSTOMER)
                            .withTitle("Your customer record (customer API v1, deprecated)")
                            .withDeprecation(origin.uri("/docs/customer-api-v1-deprecation.html")))
                    .add(Link.of(origin.uri("/v2/customers/" + customer.id()), CUSTOMER_V2)
                            .withTitle("Your customer record (customer API v2)"))
                    .add(Link.of(origin.uri("/accounts{?page,size}"), ACCOUNTS)
                            .withTitle("Your accounts, a page at a time"));
        } else if (caller instanceof Caller.Teller) {
            addCustomers(root, origin);
            root.add(Link.of(origin.uri("/accounts{?owner,page,size}"), ACCOUNTS)
                            .withTitle("Accounts, a page at a time; one customer's by owner"));
            addCustomerFeed(root, origin);
        } else if (caller instanceof Caller.Service service) {
            if (service.has(CUSTOMERS_READ)) {
                addCustomers(root, origin);
            }
            if (service.has(CUSTOMERS_FEED)) {
                addCustomerFeed(root, origin);
            }
        }
    }

    private static void addCustomers(RepresentationModel<?> root, PublicOrigin origin) {
        // v1 stays under its relation, so a client that follows "customers" keeps getting what it knows; HAL's
        // "deprecation" property says it is deprecated, and where to read about it.
        root.add(Link.of(origin.uri("/customers{?surname,page,size}"), CUSTOMERS)
                        .withTitle("Customers (customer API v1, deprecated), a page at a time; search by surname")
                        .withDeprecation(origin.uri("/docs/customer-api-v1-deprecation.html")))
                .add(Link.of(origin.uri("/v2/customers{?familyName,page,size}"), CUSTOMERS_V2)
                        .withTitle("Customers (customer API v2), a page at a time; search by family name"));
    }

    private static void addCustomerFeed(RepresentationModel<?> root, PublicOrigin origin) {
        root.add(Link.of(origin.uri("/customer-feed"), CUSTOMER_FEED)
                .withTitle("Everything that happens to customers, as a feed of events"));
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
