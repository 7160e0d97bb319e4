package org.erlbank.customer.customers.web;

import static org.springframework.hateoas.server.mvc.WebMvcLinkBuilder.afford;
import static org.springframework.hateoas.server.mvc.WebMvcLinkBuilder.linkTo;
import static org.springframework.hateoas.server.mvc.WebMvcLinkBuilder.methodOn;

import java.util.Map;
import org.erlbank.customer.customers.CustomerId;
import org.erlbank.http.CrossServiceLinks;
import org.springframework.hateoas.IanaLinkRelations;
import org.springframework.hateoas.Link;
import org.springframework.hateoas.LinkRelation;
import org.springframework.stereotype.Component;

/**
 * The links of the customer API: its link relations and where they lead.
 */
@Component
class CustomerLinks {

    /** A customer's accounts, on account-service. */
    static final LinkRelation ACCOUNTS = LinkRelation.of("accounts");

    /** The customer collection as a template: search by surname, choose a page. */
    static final LinkRelation SEARCH = LinkRelation.of("search");

    private final CustomerLinkProperties properties;

    CustomerLinks(CustomerLinkProperties properties) {
        this.properties = properties;
    }

    /** The customer itself, offering to change its name. */
    Link self(CustomerId id) {
        var controller = methodOn(CustomerController.class);
        return linkTo(controller.getCustomer(id.value())).withSelfRel()
                .andAffordance(afford(controller.changeCustomerName(id.value(), null, null)));
    }

    Link accounts(CustomerId id) {
        return CrossServiceLinks.of(properties.accounts().expand(Map.of("customerId", id.value())).toString(), ACCOUNTS);
    }

    /** A page of the collection; {@code self} also offers to register a customer. */
    Link page(String surname, int page, int size, LinkRelation relation) {
        var controller = methodOn(CustomerController.class);
        // Expanding drops the optional parameters this page does not use, so the link is not a template.
        var link = linkTo(controller.listCustomers(surname, page, size)).withRel(relation).expand();
        return IanaLinkRelations.SELF.equals(relation)
                ? link.andAffordance(afford(controller.registerCustomer(null, null)))
                : link;
    }

    Link search() {
        return linkTo(methodOn(CustomerController.class).listCustomers(null, null, null)).withRel(SEARCH);
    }
}
