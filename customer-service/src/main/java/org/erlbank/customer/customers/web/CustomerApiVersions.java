package org.erlbank.customer.customers.web;

import static org.springframework.hateoas.server.mvc.WebMvcLinkBuilder.linkTo;
import static org.springframework.hateoas.server.mvc.WebMvcLinkBuilder.methodOn;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.erlbank.customer.customers.CustomerId;
import org.springframework.hateoas.Link;
import org.springframework.hateoas.LinkRelation;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * How the customer API's two versions lead to each other (RFC 5829's version relations): v1's paths are
 * {@code /customers...}, v2's the same under {@code /v2}, and v1's query parameter {@code surname} is v2's
 * {@code familyName}.
 */
final class CustomerApiVersions {

    static final LinkRelation SUCCESSOR_VERSION = LinkRelation.of("successor-version");
    static final LinkRelation PREDECESSOR_VERSION = LinkRelation.of("predecessor-version");

    static final String V2_PREFIX = "/v2";

    private static final Pattern SURNAME_PARAMETER = Pattern.compile("(^|&)surname([=&]|$)");

    private CustomerApiVersions() {
    }

    /** The same customer in v2, from its v1 resource. */
    static Link successor(CustomerId id) {
        return linkTo(methodOn(CustomerV2Controller.class).getCustomer(id.value())).withRel(SUCCESSOR_VERSION);
    }

    /** The same customer in v1, from its v2 resource. */
    static Link predecessor(CustomerId id) {
        return linkTo(methodOn(CustomerController.class).getCustomer(id.value())).withRel(PREDECESSOR_VERSION);
    }

    /**
     * What answers in v2 to the given request to v1: the same path under {@code /v2}, the same query with
     * {@code surname} renamed; on the origin the client sent the request to (through the gateway: the gateway's).
     * Path and query are kept as sent, still percent-encoded.
     */
    static Link successorOf(HttpServletRequest request) {
        var origin = ServletUriComponentsBuilder.fromContextPath(request).replacePath(null).build().toUriString();
        var query = request.getQueryString() == null ? ""
                : "?" + SURNAME_PARAMETER.matcher(request.getQueryString()).replaceAll("$1familyName$2");
        return Link.of(origin + V2_PREFIX + request.getRequestURI() + query, SUCCESSOR_VERSION);
    }
}
