package org.erlbank.customer.customers;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erlbank's customers: the one place that registers, finds and changes them.
 */
@Service
public class Customers {

    private static final Sort ORDER = Sort.by("surname", "givenName", "id");

    private final CustomerRepository repository;
    private final CustomerFeed feed;

    Customers(CustomerRepository repository, CustomerFeed feed) {
        this.repository = repository;
        this.feed = feed;
    }

    @Transactional
    public Customer register(PersonName name) {
        return registered(repository.saveAndFlush(Customer.register(name)));
    }

    @Transactional
    public Customer register(PersonName name, PostalAddress address) {
        return registered(repository.saveAndFlush(Customer.register(name, address)));
    }

    private Customer registered(Customer customer) {
        feed.append(CustomerFeed.REGISTERED, customer);
        return customer;
    }

    @Transactional(readOnly = true)
    public Customer get(CustomerId id) {
        return repository.findById(id.value()).orElseThrow(() -> new CustomerNotFoundException(id));
    }

    /**
     * A page of customers in name order, optionally only those whose surname starts with the given text.
     */
    @Transactional(readOnly = true)
    public Page<Customer> list(Optional<String> surnamePrefix, int page, int size) {
        var pageable = PageRequest.of(page, size, ORDER);
        return surnamePrefix
                .map(prefix -> repository.findBySurnameStartingWithIgnoreCase(prefix, pageable))
                .orElseGet(() -> repository.findAll(pageable));
    }

    /**
     * The same page of one customer only: her alone on the first page, when her surname starts with the given text;
     * nobody on any other page. What a customer who lists customers is shown.
     */
    @Transactional(readOnly = true)
    public Page<Customer> list(CustomerId only, Optional<String> surnamePrefix, int page, int size) {
        return repository.findByIdAndSurnameStartingWithIgnoreCase(only.value(), surnamePrefix.orElse(""),
                PageRequest.of(page, size, ORDER));
    }

    /**
     * Renames a customer, provided its current version is one the caller has seen.
     *
     * @throws StaleCustomerException when {@code expectedVersion} does not accept the current version
     */
    @Transactional
    public Customer rename(CustomerId id, LongPredicate expectedVersion, PersonName name) {
        return change(id, expectedVersion, customer -> customer.rename(name));
    }

    /**
     * Replaces a customer's name and postal address, provided its current version is one the caller has seen.
     *
     * @throws StaleCustomerException when {@code expectedVersion} does not accept the current version
     */
    @Transactional
    public Customer change(CustomerId id, LongPredicate expectedVersion, PersonName name, PostalAddress address) {
        return change(id, expectedVersion, customer -> {
            customer.rename(name);
            customer.moveTo(address);
        });
    }

    private Customer change(CustomerId id, LongPredicate expectedVersion, Consumer<Customer> change) {
        var customer = get(id);
        if (!expectedVersion.test(customer.versionNumber())) {
            throw new StaleCustomerException(id, customer.versionNumber());
        }
        var name = customer.name();
        var address = customer.postalAddress();
        change.accept(customer);
        // Flushing here lets a concurrent change surface as an optimistic locking failure before we answer.
        var changed = repository.saveAndFlush(customer);
        // The feed tells what changed; a change to the same values is none.
        if (!changed.name().equals(name)) {
            feed.append(CustomerFeed.RENAMED, changed);
        }
        if (!changed.postalAddress().equals(address)) {
            feed.append(CustomerFeed.MOVED, changed);
        }
        return changed;
    }

    @Transactional(readOnly = true)
    public boolean isEmpty() {
        return repository.count() == 0;
    }

    /**
     * Registers a customer under a given id; for the demo data, whose ids other services' demo data refer to.
     */
    @Transactional
    public Customer registerWithId(CustomerId id, PersonName name) {
        return registered(repository.saveAndFlush(new Customer(id, name)));
    }
}
