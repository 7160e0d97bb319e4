package org.erlbank.account.statements;

import java.time.Clock;
import org.erlbank.account.accounts.AccountNumber;
import org.erlbank.account.accounts.Accounts;
import org.erlbank.account.accounts.Transfers;
import org.erlbank.account.customers.CustomerDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Prints bank statements. The owner's name is asked from customer-service each time: a statement needs
 * customer-service to be up (the synchronous coupling Erlbank demonstrates).
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
     * @throws org.erlbank.account.customers.CustomerServiceUnavailableException when customer-service cannot be asked
     * @throws OwnerUnknownException when customer-service does not know the owner
     */
    public Statement of(AccountNumber number) {
        var account = accounts.get(number);
        var lines = transfers.recent(number, maxLines);
        var owner = customers.find(account.owner())
                .orElseThrow(() -> new OwnerUnknownException(number, account.owner()));
        return new Statement(account, owner, lines, clock.instant());
    }
}
