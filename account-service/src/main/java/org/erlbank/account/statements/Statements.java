package org.erlbank.account.statements;

import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.erlbank.account.accounts.Account;
import org.erlbank.account.accounts.AccountNumber;
import org.erlbank.account.accounts.Accounts;
import org.erlbank.account.accounts.Transfer;
import org.erlbank.account.accounts.Transfers;
import org.erlbank.account.customers.CustomerDirectory;
import org.erlbank.account.customers.CustomerName;
import org.erlbank.account.customers.CustomerServiceUnavailableException;
import org.erlbank.account.owners.OwnerReplica;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Prints bank statements. The owner's name is asked from customer-service each time (the synchronous coupling
 * Erlbank demonstrates), or, switched to the replica ({@link OwnerNameSource}), read from account-service's own copy
 * fed by the customer feed, without asking anyone. Availability first: when customer-service cannot be asked, the statement is still printed,
 * without the name and marked degraded, rather than not at all.
 */
@Service
public class Statements {

    private final Accounts accounts;
    private final Transfers transfers;
    private final CustomerDirectory customers;
    /** The tag on the request's span that says where its owner's name came from: lookup or replica. */
    public static final String OWNER_NAME = "erlbank.owner-name";

    private final OwnerReplica replica;
    private final OwnerNameSource source;
    private final Clock clock;
    private final int maxLines;
    private final ObservationRegistry observations;

    Statements(Accounts accounts, Transfers transfers, CustomerDirectory customers, OwnerReplica replica,
            OwnerNameSource source, Clock clock, @Value("${erlbank.statements.max-lines:100}") int maxLines,
            ObservationRegistry observations) {
        this.observations = observations;
        this.accounts = accounts;
        this.transfers = transfers;
        this.customers = customers;
        this.replica = replica;
        this.source = source;
        this.clock = clock;
        this.maxLines = maxLines;
    }

    /**
     * @throws OwnerUnknownException when customer-service does not know the owner
     */
    public Statement of(AccountNumber number) {
        var account = accounts.get(number);
        var lines = transfers.recent(number, maxLines);
        var from = source.current();
        // On the request's span: a trace viewer tells a statement from the replica from one that asked.
        var current = observations.getCurrentObservation();
        if (current != null) {
            current.highCardinalityKeyValue(OWNER_NAME, from.name().toLowerCase(Locale.ROOT));
        }
        if (from == OwnerNameSource.Source.REPLICA) {
            return fromReplica(account, lines);
        }
        try {
            var owner = customers.find(account.owner())
                    .orElseThrow(() -> new OwnerUnknownException(number, account.owner()));
            return new Statement(account, Optional.of(owner), lines, clock.instant(), Optional.empty(),
                    OwnerNameSource.Source.LOOKUP, Optional.empty());
        } catch (CustomerServiceUnavailableException unavailable) {
            return new Statement(account, Optional.empty(), lines, clock.instant(),
                    Optional.of("customer-service is unavailable (" + unavailable.publicReason()
                            + "); the owner's name is missing"), OwnerNameSource.Source.LOOKUP, Optional.empty());
        }
    }

    /** Never asks customer-service: the name as the replica has it, however old. */
    private Statement fromReplica(Account account, List<Transfer> lines) {
        var asOf = replica.position().readAt();
        var name = replica.nameOf(account.owner().value());
        return new Statement(account, name.map(known -> new CustomerName(known.givenName(), known.surname())), lines,
                clock.instant(), name.isPresent() ? Optional.empty()
                        : Optional.of("the replica of owners' names does not know this owner yet; the owner's name is"
                                + " missing"),
                OwnerNameSource.Source.REPLICA, asOf);
    }
}
