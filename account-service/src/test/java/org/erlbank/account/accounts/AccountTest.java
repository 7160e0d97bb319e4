package org.erlbank.account.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.erlbank.account.customers.CustomerId;
import org.junit.jupiter.api.Test;
import org.springframework.test.util.ReflectionTestUtils;

class AccountTest {

    private final Account account = stored(new Account(new CustomerId(UUID.randomUUID()), Money.euros("100.00"),
            Instant.parse("2026-01-01T00:00:00Z")));

    @Test
    void startsWithItsOpeningBalance() {
        assertThat(account.balance()).isEqualTo(Money.euros("100.00"));
    }

    @Test
    void withdrawsDownToZeroButNotBelow() {
        account.withdraw(Money.euros("60.00"));
        account.withdraw(Money.euros("40.00"));

        assertThat(account.balance()).isEqualTo(Money.euros("0.00"));
        assertThatThrownBy(() -> account.withdraw(Money.euros("0.01")))
                .isInstanceOf(InsufficientFundsException.class)
                .hasMessage("Account 10000042 holds 0.00 EUR, not enough for 0.01 EUR.");
        assertThat(account.balance()).isEqualTo(Money.euros("0.00"));
    }

    @Test
    void deposits() {
        account.deposit(Money.euros("0.99"));

        assertThat(account.balance()).isEqualTo(Money.euros("100.99"));
    }

    @Test
    void namesTheOtherAccountOfATransfer() {
        var from = new AccountNumber("10000001");
        var to = new AccountNumber("10000002");
        var transfer = new Transfer(from, to, Money.euros("5"), Instant.now());

        assertThat(transfer.isIncomingFor(to)).isTrue();
        assertThat(transfer.isIncomingFor(from)).isFalse();
        assertThat(transfer.counterpartyOf(from)).isEqualTo(to);
        assertThat(transfer.counterpartyOf(to)).isEqualTo(from);
    }

    @Test
    void numbersHaveEightDigits() {
        assertThat(AccountNumber.of(42).value()).isEqualTo("00000042");
        assertThatThrownBy(() -> new AccountNumber("1234567")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccountNumber("1234567a")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Account stored(Account account) {
        ReflectionTestUtils.setField(account, "number", 10000042L);
        ReflectionTestUtils.setField(account, "version", 0L);
        return account;
    }
}
