package org.erlbank.account.statements;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.erlbank.account.accounts.Account;
import org.erlbank.account.accounts.Transfer;
import org.erlbank.account.customers.CustomerName;

/**
 * A bank statement as of {@code createdAt}: the account, its owner's name and its most recent transfers. Without the
 * owner's name when it could not be found ({@link #degradation()} says why). {@code ownerNameSource} says where the
 * name came from; with the replica, {@code ownerNameAsOf} when the replica last read the customer feed.
 */
public record Statement(Account account, Optional<CustomerName> owner, List<Transfer> transfers, Instant createdAt,
        Optional<String> degradation, OwnerNameSource.Source ownerNameSource, Optional<Instant> ownerNameAsOf) {

    public Statement {
        transfers = List.copyOf(transfers);
    }

    public boolean isDegraded() {
        return degradation.isPresent();
    }
}
