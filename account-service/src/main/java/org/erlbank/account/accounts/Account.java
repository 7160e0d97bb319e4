package org.erlbank.account.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.erlbank.account.customers.CustomerId;

/**
 * An account: its owner (a customer, known by id only) and its balance, which no withdrawal takes below zero.
 */
@Entity
@Table(name = "account")
public class Account {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "account_number")
    @SequenceGenerator(name = "account_number", sequenceName = "account_number_seq", allocationSize = 1)
    private Long number;

    @Version
    private Long version;

    @Column(name = "owner_id", nullable = false)
    private UUID ownerId;

    @Column(name = "balance", nullable = false, precision = 15, scale = 2)
    private BigDecimal balance;

    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;

    protected Account() {
        // for JPA
    }

    Account(CustomerId owner, Money openingBalance, Instant openedAt) {
        this.ownerId = Objects.requireNonNull(owner, "owner").value();
        this.balance = Objects.requireNonNull(openingBalance, "openingBalance").amount();
        this.openedAt = Objects.requireNonNull(openedAt, "openedAt");
    }

    void withdraw(Money amount) {
        var newBalance = balance().minus(amount);
        if (newBalance.amount().signum() < 0) {
            throw new InsufficientFundsException(number(), balance(), amount);
        }
        balance = newBalance.amount();
    }

    void deposit(Money amount) {
        balance = balance().plus(amount).amount();
    }

    public AccountNumber number() {
        if (number == null) {
            throw new IllegalStateException("the account has not been stored yet");
        }
        return AccountNumber.of(number);
    }

    public CustomerId owner() {
        return new CustomerId(ownerId);
    }

    public Money balance() {
        return Money.euros(balance);
    }

    /**
     * How many times the balance has changed since the account was opened (0 for a new one).
     */
    public long versionNumber() {
        if (version == null) {
            throw new IllegalStateException("the account has not been stored yet");
        }
        return version;
    }
}
