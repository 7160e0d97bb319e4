package org.erlbank.account.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Money that moved from one account to another. Booked once, never changed.
 */
@Entity
@Table(name = "transfer")
public class Transfer {

    @Id
    private UUID id;

    @Column(name = "from_account", nullable = false)
    private Long fromAccount;

    @Column(name = "to_account", nullable = false)
    private Long toAccount;

    @Column(name = "amount", nullable = false, precision = 15, scale = 2)
    private BigDecimal amount;

    @Column(name = "booked_at", nullable = false)
    private Instant bookedAt;

    protected Transfer() {
        // for JPA
    }

    Transfer(AccountNumber from, AccountNumber to, Money amount, Instant bookedAt) {
        this.id = UUID.randomUUID();
        this.fromAccount = from.asLong();
        this.toAccount = to.asLong();
        this.amount = amount.amount();
        this.bookedAt = Objects.requireNonNull(bookedAt, "bookedAt");
    }

    public UUID id() {
        return id;
    }

    public AccountNumber from() {
        return AccountNumber.of(fromAccount);
    }

    public AccountNumber to() {
        return AccountNumber.of(toAccount);
    }

    public Money amount() {
        return Money.euros(amount);
    }

    public Instant bookedAt() {
        return bookedAt;
    }

    /** Whether the money came into the given account (else it went out of it). */
    public boolean isIncomingFor(AccountNumber account) {
        return to().equals(account);
    }

    /** The other account, seen from the given one. */
    public AccountNumber counterpartyOf(AccountNumber account) {
        return isIncomingFor(account) ? from() : to();
    }
}
