package org.erlbank.account.demo;

import java.util.ArrayList;
import java.util.UUID;
import java.util.stream.IntStream;
import org.erlbank.account.accounts.Account;
import org.erlbank.account.accounts.Accounts;
import org.erlbank.account.accounts.Money;
import org.erlbank.account.accounts.Transfers;
import org.erlbank.account.customers.CustomerId;
import org.erlbank.http.instances.OnceForAllInstances;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * When there are no accounts at start-up, opens one for each of customer-service's demo customers (whose ids are
 * fixed) and books a few transfers between them: once in the database's life, however many instances of
 * account-service share it and start at the same moment ({@link OnceForAllInstances}), all in one transaction.
 * customer-service is not asked: the demo customers are known, and account-service must start whether or not
 * customer-service is up. Off with {@code erlbank.demo-data.enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "erlbank.demo-data.enabled", matchIfMissing = true)
class DemoAccounts implements ApplicationRunner {

    /** customer-service's demo customers: c0000000-0000-4000-8000-000000000001 to ...006. */
    static final int DEMO_CUSTOMERS = 6;

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    private final Accounts accounts;
    private final Transfers transfers;
    private final OnceForAllInstances once;

    DemoAccounts(Accounts accounts, Transfers transfers, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.accounts = accounts;
        this.transfers = transfers;
        this.once = new OnceForAllInstances(jdbc, transactions);
    }

    @Override
    public void run(ApplicationArguments args) {
        once.run("demo-accounts", this::openUnlessThereAreAccounts);
    }

    private void openUnlessThereAreAccounts() {
        if (!accounts.isEmpty()) {
            return;
        }
        var opened = new ArrayList<Account>();
        IntStream.rangeClosed(1, DEMO_CUSTOMERS).forEach(number -> opened.add(accounts.openForKnownOwner(
                new CustomerId(UUID.fromString(String.format("c0000000-0000-4000-8000-%012d", number))))));
        String[][] bookings = { { "0", "1", "120.00" }, { "1", "2", "35.50" }, { "2", "0", "12.75" },
                { "3", "4", "250.00" }, { "4", "5", "99.99" }, { "5", "0", "42.00" }, { "0", "3", "7.10" } };
        for (var booking : bookings) {
            transfers.transfer(opened.get(Integer.parseInt(booking[0])).number(),
                    opened.get(Integer.parseInt(booking[1])).number(), Money.euros(booking[2]));
        }
        log.info("Opened {} demo accounts with {} transfers (erlbank.demo-data.enabled=false turns this off)",
                opened.size(), bookings.length);
    }
}
