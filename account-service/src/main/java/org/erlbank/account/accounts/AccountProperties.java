package org.erlbank.account.accounts;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param openingBalance what a new account starts with, in euros
 */
@ConfigurationProperties("erlbank.accounts")
public record AccountProperties(BigDecimal openingBalance) {

    public AccountProperties {
        openingBalance = openingBalance == null ? new BigDecimal("1000.00") : openingBalance;
    }
}
