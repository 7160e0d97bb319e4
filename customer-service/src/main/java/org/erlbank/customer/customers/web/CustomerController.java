package org.erlbank.customer.customers.web;

import java.util.Optional;
import java.util.UUID;
import org.erlbank.customer.api.v1.CustomersApi;
import org.erlbank.customer.api.v1.model.CustomerModel;
import org.erlbank.customer.api.v1.model.CustomerNameModel;
import org.erlbank.customer.api.v1.model.CustomerPageEmbeddedModel;
import org.erlbank.customer.api.v1.model.CustomerPageModel;
import org.erlbank.customer.api.v1.model.PageMetadataModel;
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
 * The customer API v1, as generated from {@code customer-api-v1.yaml}.
 */
@RestController
class CustomerController implements CustomersApi {

    private final Customers customers;
    private final CustomerModelAssembler assembler;
    private final CustomerLinks links;
    private final CustomerAccess access;

    CustomerController(Customers customers, CustomerModelAssembler assembler, CustomerLinks links,
            CustomerAccess access) {
        this.customers = customers;
        this.assembler = assembler;
        this.links = links;
        this.access = access;
    }

    @Override
    public ResponseEntity<CustomerPageModel> listCustomers(String surname, Integer page, Integer size) {
        var search = Optional.ofNullable(surname);
        var result = access.requireList()
                .map(only -> customers.list(only, search, page, size))
                .orElseGet(() -> customers.list(search, page, size));
        var model = new CustomerPageModel(new PageMetadataModel(
                (long) result.getSize(), result.getTotalElements(), (long) result.getTotalPages(),
                (long) result.getNumber()));
        model.embedded(new CustomerPageEmbeddedModel().customers(
                result.getContent().stream().map(assembler::toModel).toList()));

        model.add(PageLinks.of(result, (number, relation) -> links.page(surname, number, size, relation)));
        model.add(links.search());
        return ResponseEntity.ok(model);
    }

    @Override
    // idempotencyKey: honoured by http-support's IdempotencyFilter before this runs (a retry never gets here).
    public ResponseEntity<CustomerModel> registerCustomer(CustomerNameModel name, String idempotencyKey) {
        access.requireRegister();
        var customer = customers.register(CustomerModelAssembler.toName(name));
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
    public ResponseEntity<CustomerModel> changeCustomerName(UUID customerId, CustomerNameModel name, String ifMatch) {
        access.requireChangesCustomers();
        var id = new CustomerId(customerId);
        var precondition = IfMatch.require(ifMatch);
        var newName = CustomerModelAssembler.toName(name);
        // Where the customer is looked up: someone else's answers exactly as a missing one does.
        access.requireChange(id);
        return respond(customers.rename(id, precondition::accepts, newName));
    }

    private ResponseEntity<CustomerModel> respond(Customer customer) {
        return ResponseEntity.ok()
                .eTag(Versions.etag(customer.versionNumber()))
                .body(assembler.toModel(customer));
    }
}
