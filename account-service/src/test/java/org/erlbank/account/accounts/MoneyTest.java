package org.erlbank.account.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import org.erlbank.account.accounts.Money.InvalidAmountException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @Test
    void keepsExactlyTwoDecimals() {
        assertThat(Money.euros("12.5").amount()).isEqualTo(new BigDecimal("12.50"));
        assertThat(Money.euros("7").amount().toPlainString()).isEqualTo("7.00");
        assertThat(Money.euros("1.10").amount().toPlainString()).isEqualTo("1.10");
    }

    @Test
    void addsAndSubtractsWithoutFloatingPointError() {
        var sum = Money.euros("0.10").plus(Money.euros("0.20"));

        assertThat(sum).isEqualTo(Money.euros("0.30"));
        assertThat(Money.euros("1000.00").minus(Money.euros("999.99"))).isEqualTo(Money.euros("0.01"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "1.005", "0.001", "12.345" })
    void refusesMoreThanTwoDecimals(String amount) {
        assertThatThrownBy(() -> Money.euros(amount)).isInstanceOf(InvalidAmountException.class)
                .hasMessageContaining("two decimals");
    }

    @Test
    void acceptsTrailingZerosBeyondTwoDecimals() {
        assertThat(Money.euros("1.500")).isEqualTo(Money.euros("1.50"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "", "1,50", "NaN", "1e3x" })
    void refusesWhatIsNotANumber(String amount) {
        assertThatThrownBy(() -> Money.euros(amount)).isInstanceOf(InvalidAmountException.class);
    }

    @Test
    void refusesAmountsBeyondWhatTheDatabaseHolds() {
        assertThat(Money.euros("9999999999999.99").isPositive()).isTrue();
        assertThatThrownBy(() -> Money.euros("10000000000000.00")).isInstanceOf(InvalidAmountException.class);
    }

    @Test
    void keepsEurosOnly() {
        assertThatThrownBy(() -> new Money(BigDecimal.ONE, Currency.getInstance("USD")))
                .isInstanceOf(InvalidAmountException.class).hasMessageContaining("USD");
    }

    @Test
    void knowsWhetherItIsPositive() {
        assertThat(Money.euros("0.01").isPositive()).isTrue();
        assertThat(Money.euros("0").isPositive()).isFalse();
        assertThat(Money.euros("-1").isPositive()).isFalse();
    }
}
