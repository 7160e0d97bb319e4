package org.erlbank.account.statements;

import java.time.Clock;
import org.erlbank.account.accounts.AccountNumber;
import org.erlbank.account.accounts.Accounts;
import org.erlbank.account.accounts.Transfers;
import java.util.Optional;
import org.erlbank.account.customers.CustomerDirectory;
import org.erlbank.account.customers.CustomerServiceUnavailableException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Prints bank statements. The owner's name is asked from customer-service each time (the synchronous coupling
 * Erlbank demonstrates). Availability first: when customer-service cannot be asked, the statement is still printed,
 * without the name and marked degraded, rather than not at all.
 */
@Service
public class Statements {

    private final Accounts accounts;
    private final Transfers transfers;
    private final CustomerDirectory customers;
    private final Clock clock;
    private final int maxLines;

    Statements(Accounts accounts, Transfers transfers, CustomerDirectory customers, Clock clock,
            @Value("${erlbank.statements.max-lines:100}") int maxLines) {
        this.accounts = accounts;
        this.transfers = transfers;
        this.customers = customers;
        this.clock = clock;
        this.maxLines = maxLines;
    }

    /**
     * @throws OwnerUnknownException when customer-service does not know the owner
     */
    public Statement of(AccountNumber number) {
        var account = accounts.get(number);
        var lines = transfers.recent(number, maxLines);
        try {
            var owner = customers.find(account.owner())
                    .orElseThrow(() -> new OwnerUnknownException(number, account.owner()));
            return new Statement(account, Optional.of(owner), lines, clock.instant(), Optional.empty());
        } catch (CustomerServiceUnavailableException unavailable) {
            return new Statement(account, Optional.empty(), lines, clock.instant(),
                    Optional.of("customer-service is unavailable (" + unavailable.publicReason()
                            + "); the owner's name is missing"));
        }
    }
}
