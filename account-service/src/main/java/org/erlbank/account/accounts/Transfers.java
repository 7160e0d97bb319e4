package org.erlbank.account.accounts;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moving money between accounts. Both balances and the transfer are written in one transaction, or nothing is;
 * concurrent transfers serialise on the accounts' row locks.
 */
@Service
public class Transfers {

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("bookedAt"), Sort.Order.desc("id"));

    private final AccountRepository accounts;
    private final TransferRepository transfers;
    private final Clock clock;

    Transfers(AccountRepository accounts, TransferRepository transfers, Clock clock) {
        this.accounts = accounts;
        this.transfers = transfers;
        this.clock = clock;
    }

    /**
     * @throws SameAccountException, SenderAccountNotFoundException, ReceiverAccountNotFoundException,
     *         InsufficientFundsException, Money.InvalidAmountException when the transfer cannot be made
     */
    @Transactional
    public Transfer transfer(AccountNumber from, AccountNumber to, Money amount) {
        if (!amount.isPositive()) {
            throw new Money.InvalidAmountException("A transfer moves more than zero, not " + amount + ".");
        }
        if (from.equals(to)) {
            throw new SameAccountException(from);
        }
        // Lock both rows in one global order (by number), so that two opposite transfers cannot deadlock.
        Account sender;
        Account receiver;
        if (from.asLong() < to.asLong()) {
            sender = lock(from, () -> new SenderAccountNotFoundException(from));
            receiver = lock(to, () -> new ReceiverAccountNotFoundException(to));
        } else {
            receiver = lock(to, () -> new ReceiverAccountNotFoundException(to));
            sender = lock(from, () -> new SenderAccountNotFoundException(from));
        }
        sender.withdraw(amount);
        receiver.deposit(amount);
        return transfers.save(new Transfer(from, to, amount, clock.instant()));
    }

    @Transactional(readOnly = true)
    public Transfer get(UUID id) {
        return transfers.findById(id).orElseThrow(() -> new TransferNotFoundException(id));
    }

    /** An account's transfers, in and out, newest first. */
    @Transactional(readOnly = true)
    public Page<Transfer> of(AccountNumber account, int page, int size) {
        if (!accounts.existsById(account.asLong())) {
            throw new AccountNotFoundException(account);
        }
        return transfers.findByAccount(account.asLong(), PageRequest.of(page, size, NEWEST_FIRST));
    }

    /** The most recent transfers of an account the caller has already found, newest first. */
    @Transactional(readOnly = true)
    public List<Transfer> recent(AccountNumber account, int count) {
        return transfers.findByAccount(account.asLong(), PageRequest.of(0, count, NEWEST_FIRST)).getContent();
    }

    private Account lock(AccountNumber number, java.util.function.Supplier<RuntimeException> notFound) {
        return accounts.findForUpdate(number.asLong()).orElseThrow(notFound);
    }
}
