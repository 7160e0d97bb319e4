package org.erlbank.customer.customers.web;

import java.util.Optional;
import java.util.UUID;
import org.erlbank.customer.api.v2.CustomersApi;
import org.erlbank.customer.api.v2.model.CustomerDetailsModel;
import org.erlbank.customer.api.v2.model.CustomerModel;
import org.erlbank.customer.api.v2.model.CustomerPageEmbeddedModel;
import org.erlbank.customer.api.v2.model.CustomerPageModel;
import org.erlbank.customer.api.v2.model.PageMetadataModel;
import org.erlbank.customer.customers.Customer;
import org.erlbank.customer.customers.CustomerId;
import org.erlbank.customer.customers.Customers;
import org.erlbank.http.IfMatch;
import org.erlbank.http.PageLinks;
import org.erlbank.http.Versions;
import org.springframework.hateoas.IanaLinkRelations;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer API v2, as generated from {@code customer-api-v2.yaml}: the same customers as v1, with a structured
 * name and a postal address.
 */
@RestController
class CustomerV2Controller implements CustomersApi {

    private final Customers customers;
    private final CustomerV2ModelAssembler assembler;
    private final CustomerV2Links links;
    private final CustomerAccess access;

    CustomerV2Controller(Customers customers, CustomerV2ModelAssembler assembler, CustomerV2Links links,
            CustomerAccess access) {
        this.customers = customers;
        this.assembler = assembler;
        this.links = links;
        this.access = access;
    }

    @Override
    public ResponseEntity<CustomerPageModel> listCustomers(String familyName, Integer page, Integer size) {
        var search = Optional.ofNullable(familyName);
        var result = access.requireList()
                .map(only -> customers.list(only, search, page, size))
                .orElseGet(() -> customers.list(search, page, size));
        var model = new CustomerPageModel(new PageMetadataModel(
                (long) result.getSize(), result.getTotalElements(), (long) result.getTotalPages(),
                (long) result.getNumber()));
        model.embedded(new CustomerPageEmbeddedModel().customers(
                result.getContent().stream().map(assembler::toModel).toList()));

        model.add(PageLinks.of(result, (number, relation) -> links.page(familyName, number, size, relation)));
        model.add(links.search());
        return ResponseEntity.ok(model);
    }

    @Override
    // idempotencyKey: honoured by http-support's IdempotencyFilter before this runs (a retry never gets here).
    public ResponseEntity<CustomerModel> registerCustomer(CustomerDetailsModel details, String idempotencyKey) {
        access.requireRegister();
        var given = CustomerV2ModelAssembler.toDetails(details);
        var customer = customers.register(given.name(), given.address());
        var model = assembler.toModel(customer);
        return ResponseEntity.created(model.getRequiredLink(IanaLinkRelations.SELF).toUri())
                .eTag(Versions.etag(customer.versionNumber()))
                .body(model);
    }

    @Override
    public ResponseEntity<CustomerModel> getCustomer(UUID customerId) {
        var id = new CustomerId(customerId);
        access.requireRead(id);
        return respond(customers.get(id));
    }

    @Override
    public ResponseEntity<CustomerModel> changeCustomer(UUID customerId, CustomerDetailsModel details,
            String ifMatch) {
        access.requireChangesCustomers();
        var id = new CustomerId(customerId);
        var precondition = IfMatch.require(ifMatch);
        var given = CustomerV2ModelAssembler.toDetails(details);
        // Where the customer is looked up: someone else's answers exactly as a missing one does.
        access.requireChange(id);
        return respond(customers.change(id, precondition::accepts, given.name(), given.address()));
    }

    private ResponseEntity<CustomerModel> respond(Customer customer) {
        return ResponseEntity.ok()
                .eTag(Versions.etag(customer.versionNumber()))
                .body(assembler.toModel(customer));
    }
}
