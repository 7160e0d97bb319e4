package org.erlbank.account.statements;

import java.time.Instant;
import java.util.List;
import org.erlbank.account.accounts.Account;
import org.erlbank.account.accounts.Transfer;
import org.erlbank.account.customers.CustomerName;

/**
 * A bank statement as of {@code createdAt}: the account, its owner's name and its most recent transfers.
 */
public record Statement(Account account, CustomerName owner, List<Transfer> transfers, Instant createdAt) {

    public Statement {
        transfers = List.copyOf(transfers);
    }
}
