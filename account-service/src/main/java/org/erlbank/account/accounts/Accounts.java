package org.erlbank.account.accounts;

import java.time.Clock;
import org.erlbank.account.customers.CustomerDirectory;
import org.erlbank.account.customers.CustomerId;
import org.erlbank.account.customers.OwnerNotFoundException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erlbank's accounts: opening them for customers that exist, and finding them.
 */
@Service
public class Accounts {

    private final AccountRepository repository;
    private final CustomerDirectory customers;
    private final Money openingBalance;
    private final Clock clock;

    Accounts(AccountRepository repository, CustomerDirectory customers, AccountProperties properties, Clock clock) {
        this.repository = repository;
        this.customers = customers;
        this.openingBalance = Money.euros(properties.openingBalance());
        this.clock = clock;
    }

    /**
     * Opens an account for a customer, after asking customer-service that the customer exists. No database
     * transaction is held open while customer-service is asked.
     *
     * @throws OwnerNotFoundException when customer-service does not know the customer
     * @throws org.erlbank.account.customers.CustomerServiceUnavailableException when it cannot be asked
     */
    public Account open(CustomerId owner) {
        if (customers.find(owner).isEmpty()) {
            throw new OwnerNotFoundException(owner);
        }
        return openForKnownOwner(owner);
    }

    /**
     * Opens an account without asking customer-service: only for owners known to exist (the demo data's).
     */
    @Transactional
    public Account openForKnownOwner(CustomerId owner) {
        return repository.saveAndFlush(new Account(owner, openingBalance, clock.instant()));
    }

    @Transactional(readOnly = true)
    public Account get(AccountNumber number) {
        return repository.findById(number.asLong()).orElseThrow(() -> new AccountNotFoundException(number));
    }

    /** The accounts the filter lets through ({@link AccountAccess#listed} says which a caller may list), by number. */
    @Transactional(readOnly = true)
    public Page<Account> list(AccountAccess.OwnerFilter filter, int page, int size) {
        var pageable = PageRequest.of(page, size, Sort.by("number"));
        if (filter.nothing()) {
            return Page.empty(pageable);
        }
        return filter.owner().map(id -> repository.findByOwnerId(id.value(), pageable))
                .orElseGet(() -> repository.findAll(pageable));
    }

    @Transactional(readOnly = true)
    public boolean isEmpty() {
        return repository.count() == 0;
    }
}
