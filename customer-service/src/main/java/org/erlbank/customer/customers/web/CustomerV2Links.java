package org.erlbank.customer.customers.web;

import static org.springframework.hateoas.server.mvc.WebMvcLinkBuilder.afford;
import static org.springframework.hateoas.server.mvc.WebMvcLinkBuilder.linkTo;
import static org.springframework.hateoas.server.mvc.WebMvcLinkBuilder.methodOn;

import org.erlbank.customer.customers.CustomerId;
import org.springframework.hateoas.IanaLinkRelations;
import org.springframework.hateoas.Link;
import org.springframework.hateoas.LinkRelation;
import org.springframework.stereotype.Component;

/**
 * The links of the customer API v2. Its relations are v1's ({@code accounts}, {@code search}), plus
 * {@code predecessor-version}.
 */
@Component
class CustomerV2Links {

    private final CustomerLinks v1;
    private final CustomerAccess access;

    CustomerV2Links(CustomerLinks v1, CustomerAccess access) {
        this.v1 = v1;
        this.access = access;
    }

    /** The customer itself, offering to change its name and address to a caller who may. */
    Link self(CustomerId id) {
        var controller = methodOn(CustomerV2Controller.class);
        var link = linkTo(controller.getCustomer(id.value())).withSelfRel();
        return access.mayChange(id) ? link.andAffordance(afford(controller.changeCustomer(id.value(), null, null)))
                : link;
    }

    /** The customer's accounts: account-service has one version, the same for both. */
    Link accounts(CustomerId id) {
        return v1.accounts(id);
    }

    /** A page of the collection; {@code self} also offers to register a customer, to a caller who may. */
    Link page(String familyName, int page, int size, LinkRelation relation) {
        var controller = methodOn(CustomerV2Controller.class);
        // Expanding drops the optional parameters this page does not use, so the link is not a template.
        var link = linkTo(controller.listCustomers(familyName, page, size)).withRel(relation).expand();
        return IanaLinkRelations.SELF.equals(relation) && access.mayRegister()
                ? link.andAffordance(afford(controller.registerCustomer(null, null)))
                : link;
    }

    Link search() {
        return linkTo(methodOn(CustomerV2Controller.class).listCustomers(null, null, null))
                .withRel(CustomerLinks.SEARCH);
    }
}
