package org.erlbank.customer.customers.web;

import java.util.Map;
import org.erlbank.customer.api.v2.model.CustomerDetailsModel;
import org.erlbank.customer.api.v2.model.CustomerModel;
import org.erlbank.customer.api.v2.model.PersonNameModel;
import org.erlbank.customer.api.v2.model.PostalAddressModel;
import org.erlbank.customer.customers.Customer;
import org.erlbank.customer.customers.InvalidPartException;
import org.erlbank.customer.customers.PersonName;
import org.erlbank.customer.customers.PostalAddress;
import org.erlbank.http.InvalidFieldException;
import org.springframework.stereotype.Component;

/**
 * Maps between the customer aggregate and the models generated from the customer API v2 spec.
 */
@Component
class CustomerV2ModelAssembler {

    /** Where each part of a name or an address is in a v2 body. */
    private static final Map<String, String> FIELDS = Map.of(
            "givenName", "name.givenName",
            "surname", "name.familyName",
            "street", "postalAddress.street",
            "postalCode", "postalAddress.postalCode",
            "city", "postalAddress.city",
            "country", "postalAddress.country");

    private final CustomerV2Links links;
    private final CustomerAccess access;

    CustomerV2ModelAssembler(CustomerV2Links links, CustomerAccess access) {
        this.links = links;
        this.access = access;
    }

    CustomerModel toModel(Customer customer) {
        var name = customer.name();
        var model = new CustomerModel(customer.id().value(), new PersonNameModel(name.givenName(), name.surname()));
        customer.postalAddress().ifPresent(address -> model.postalAddress(new PostalAddressModel(
                address.street(), address.postalCode(), address.city(), address.country())));
        model.add(links.self(customer.id()));
        model.addIf(access.mayFollowAccounts(), () -> links.accounts(customer.id()));
        model.add(CustomerApiVersions.predecessor(customer.id()));
        return model;
    }

    /** The domain's view of a v2 body; a part that breaks a domain rule is reported under its v2 field name. */
    static Details toDetails(CustomerDetailsModel model) {
        try {
            var name = model.getName();
            var address = model.getPostalAddress();
            return new Details(new PersonName(name.getGivenName(), name.getFamilyName()), new PostalAddress(
                    address.getStreet(), address.getPostalCode(), address.getCity(), address.getCountry()));
        } catch (InvalidPartException e) {
            throw new InvalidFieldException(FIELDS.get(e.part()), e.reason());
        }
    }

    record Details(PersonName name, PostalAddress address) {
    }
}
