package org.erlbank.customer.customers.web;

import org.erlbank.customer.api.v1.model.CustomerModel;
import org.erlbank.customer.api.v1.model.CustomerNameModel;
import org.erlbank.customer.customers.Customer;
import org.erlbank.customer.customers.PersonName;
import org.springframework.stereotype.Component;

/**
 * Maps between the customer aggregate and the models generated from the customer API spec. (The generated
 * models extend the raw {@code RepresentationModel}, so Spring HATEOAS' typed assembler interface does not fit.)
 */
@Component
class CustomerModelAssembler {

    private final CustomerLinks links;
    private final CustomerAccess access;

    CustomerModelAssembler(CustomerLinks links, CustomerAccess access) {
        this.links = links;
        this.access = access;
    }

    CustomerModel toModel(Customer customer) {
        var name = customer.name();
        var model = new CustomerModel(customer.id().value(), name.givenName(), name.surname());
        model.add(links.self(customer.id()));
        model.addIf(access.mayFollowAccounts(), () -> links.accounts(customer.id()));
        model.add(CustomerApiVersions.successor(customer.id()));
        return model;
    }

    static PersonName toName(CustomerNameModel model) {
        return new PersonName(model.getGivenName(), model.getSurname());
    }
}
