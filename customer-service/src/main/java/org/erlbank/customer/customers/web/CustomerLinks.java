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
    private final CustomerAccess access;

    CustomerLinks(CustomerLinkProperties properties, CustomerAccess access) {
        this.properties = properties;
        this.access = access;
    }

    /** The customer itself, offering to change its name to a caller who may. */
    Link self(CustomerId id) {
        var controller = methodOn(CustomerController.class);
        var link = linkTo(controller.getCustomer(id.value())).withSelfRel();
        return access.mayChange(id) ? link.andAffordance(afford(controller.changeCustomerName(id.value(), null, null)))
                : link;
    }

    Link accounts(CustomerId id) {
        return CrossServiceLinks.of(properties.accounts().expand(Map.of("customerId", id.value())).toString(), ACCOUNTS);
    }

    /** A page of the collection; {@code self} also offers to register a customer, to a caller who may. */
    Link page(String surname, int page, int size, LinkRelation relation) {
        var controller = methodOn(CustomerController.class);
        // Expanding drops the optional parameters this page does not use, so the link is not a template.
        var link = linkTo(controller.listCustomers(surname, page, size)).withRel(relation).expand();
        return IanaLinkRelations.SELF.equals(relation) && access.mayRegister()
                ? link.andAffordance(afford(controller.registerCustomer(null, null)))
                : link;
    }

    Link search() {
        return linkTo(methodOn(CustomerController.class).listCustomers(null, null, null)).withRel(SEARCH);
    }
}
