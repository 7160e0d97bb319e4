package org.erlbank.account.accounts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of euros, to the cent. Never a binary floating-point number.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    public static final Currency EUR = Currency.getInstance("EUR");

    /** The largest amount Erlbank stores (the columns hold 15 digits, 2 of them decimals). */
    private static final BigDecimal LIMIT = new BigDecimal("9999999999999.99");

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (!EUR.equals(currency)) {
            throw new InvalidAmountException("Erlbank keeps euros only, not " + currency + ".");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new InvalidAmountException("An amount has at most two decimals, not " + amount.toPlainString() + ".");
        }
        if (amount.abs().compareTo(LIMIT) > 0) {
            throw new InvalidAmountException("An amount is at most " + LIMIT.toPlainString() + ".");
        }
        amount = amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    public static Money euros(String amount) {
        try {
            return new Money(new BigDecimal(amount), EUR);
        } catch (NumberFormatException e) {
            throw new InvalidAmountException("'" + amount + "' is not an amount.");
        }
    }

    public static Money euros(BigDecimal amount) {
        return new Money(amount, EUR);
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(other.amount), currency);
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }

    /**
     * An amount that breaks one of Money's rules.
     */
    public static final class InvalidAmountException extends IllegalArgumentException {

        public InvalidAmountException(String message) {
            super(message);
        }
    }
}
