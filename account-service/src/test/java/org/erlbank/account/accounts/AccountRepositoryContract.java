package org.erlbank.account.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.erlbank.account.customers.CustomerDirectory;
import org.erlbank.account.customers.CustomerId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What account persistence must do on every database Erlbank supports: migrations that the entities validate
 * against, transfers that are atomic, and concurrent transfers that neither lose an update nor overdraw.
 * Subclasses choose the database.
 */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ Accounts.class, Transfers.class, AccountRepositoryContract.Config.class })
@EnableConfigurationProperties(AccountProperties.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
abstract class AccountRepositoryContract {

    @TestConfiguration
    static class Config {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @MockitoBean
    CustomerDirectory customers;

    @Autowired
    Accounts accounts;

    @Autowired
    Transfers transfers;

    @Autowired
    TransferRepository transferRepository;

    @Autowired
    AccountRepository accountRepository;

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void empty() {
        transferRepository.deleteAllInBatch();
        accountRepository.deleteAllInBatch();
    }

    @Test
    void opensAccountsWithSequentialNumbersAndTheOpeningBalance() {
        var first = accounts.openForKnownOwner(owner());
        var second = accounts.openForKnownOwner(owner());

        assertThat(first.balance()).isEqualTo(Money.euros("1000.00"));
        assertThat(second.number().asLong()).isEqualTo(first.number().asLong() + 1);
        assertThat(accounts.get(first.number()).balance()).isEqualTo(Money.euros("1000.00"));
    }

    @Test
    void listsAnOwnersAccounts() {
        var ada = owner();
        var mine = accounts.openForKnownOwner(ada);
        accounts.openForKnownOwner(owner());

        assertThat(accounts.list(AccountAccess.OwnerFilter.only(ada), 0, 10).getContent())
                .extracting(Account::number).containsExactly(mine.number());
        assertThat(accounts.list(AccountAccess.OwnerFilter.all(), 0, 10).getTotalElements()).isEqualTo(2);
        assertThat(accounts.list(AccountAccess.OwnerFilter.none(), 0, 10).getTotalElements()).isZero();
        assertThat(accountRepository.findNumbersByOwnerId(ada.value())).containsExactly(mine.number().asLong());
    }

    @Test
    void movesMoneyAndRecordsTheTransferInOneGo() {
        var from = accounts.openForKnownOwner(owner()).number();
        var to = accounts.openForKnownOwner(owner()).number();

        var transfer = transfers.transfer(from, to, Money.euros("250.25"));

        assertThat(accounts.get(from).balance()).isEqualTo(Money.euros("749.75"));
        assertThat(accounts.get(to).balance()).isEqualTo(Money.euros("1250.25"));
        assertThat(transfers.get(transfer.id()).amount()).isEqualTo(Money.euros("250.25"));
        assertThat(accounts.get(from).versionNumber()).isEqualTo(1);
    }

    @Test
    void changesNothingWhenTheSenderCannotPay() {
        var from = accounts.openForKnownOwner(owner()).number();
        var to = accounts.openForKnownOwner(owner()).number();

        assertThatThrownBy(() -> transfers.transfer(from, to, Money.euros("1000.01")))
                .isInstanceOf(InsufficientFundsException.class);

        assertThat(accounts.get(from).balance()).isEqualTo(Money.euros("1000.00"));
        assertThat(accounts.get(to).balance()).isEqualTo(Money.euros("1000.00"));
        assertThat(transferRepository.count()).isZero();
    }

    @Test
    void refusesTransfersThatCannotBeMade() {
        var account = accounts.openForKnownOwner(owner()).number();
        var nowhere = new AccountNumber("99999999");

        assertThatThrownBy(() -> transfers.transfer(account, account, Money.euros("1")))
                .isInstanceOf(SameAccountException.class);
        assertThatThrownBy(() -> transfers.transfer(account, nowhere, Money.euros("1")))
                .isInstanceOf(ReceiverAccountNotFoundException.class);
        assertThatThrownBy(() -> transfers.transfer(nowhere, account, Money.euros("1")))
                .isInstanceOf(SenderAccountNotFoundException.class);
        assertThatThrownBy(() -> transfers.transfer(account, nowhere, Money.euros("0")))
                .isInstanceOf(Money.InvalidAmountException.class);
        assertThat(accounts.get(account).balance()).isEqualTo(Money.euros("1000.00"));
        assertThat(transferRepository.count()).isZero();
    }

    @Test
    void theDatabaseItselfRefusesANegativeBalance() {
        var account = accounts.openForKnownOwner(owner()).number();

        assertThatThrownBy(() -> new JdbcTemplate(dataSource)
                .update("update account set balance = -1 where number = ?", account.asLong()))
                .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("account_balance_not_negative"));
    }

    @Test
    void listsAnAccountsTransfersNewestFirst() {
        var a = accounts.openForKnownOwner(owner()).number();
        var b = accounts.openForKnownOwner(owner()).number();
        var first = transfers.transfer(a, b, Money.euros("1"));
        var second = transfers.transfer(b, a, Money.euros("2"));
        var third = transfers.transfer(a, b, Money.euros("3"));

        var page = transfers.of(a, 0, 2);

        assertThat(page.getTotalElements()).isEqualTo(3);
        assertThat(page.getContent()).extracting(Transfer::id).containsExactly(third.id(), second.id());
        assertThat(transfers.of(a, 1, 2).getContent()).extracting(Transfer::id).containsExactly(first.id());
        assertThatThrownBy(() -> transfers.of(new AccountNumber("99999999"), 0, 2))
                .isInstanceOf(AccountNotFoundException.class);
    }

    /**
     * Many clients move money between a few accounts at once. Whatever interleaving the database allows, money is
     * neither created nor destroyed, no balance goes below zero, some transfers are booked (the first always is:
     * every account starts with more than any one transfer), and every balance is exactly what the booked transfers
     * say, both as the clients saw them answered and as the database recorded them.
     */
    @Test
    void concurrentTransfersKeepTheSumAndNeverOverdraw() throws Exception {
        var numbers = new ArrayList<AccountNumber>();
        for (int i = 0; i < 4; i++) {
            numbers.add(accounts.openForKnownOwner(owner()).number());
        }
        record Order(AccountNumber from, AccountNumber to, Money amount) {
        }
        var random = new Random(42);
        var pool = Executors.newFixedThreadPool(8);
        var start = new CountDownLatch(1);
        var orders = new ArrayList<Order>();
        var results = new ArrayList<Future<Boolean>>();
        try {
            for (int i = 0; i < 50; i++) {
                var from = numbers.get(random.nextInt(4));
                var to = numbers.get((numbers.indexOf(from) + 1 + random.nextInt(3)) % 4);
                var order = new Order(from, to, Money.euros(BigDecimal.valueOf(1 + random.nextInt(60_000), 2)));
                Callable<Boolean> transfer = () -> {
                    start.await();
                    try {
                        transfers.transfer(order.from(), order.to(), order.amount());
                        return true;
                    } catch (InsufficientFundsException e) {
                        return false;
                    }
                };
                orders.add(order);
                results.add(pool.submit(transfer));
            }
            start.countDown();
            for (var result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        var balances = numbers.stream().map(number -> accounts.get(number).balance()).toList();
        assertThat(balances.stream().map(Money::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("4000.00");
        assertThat(balances).allSatisfy(balance -> assertThat(balance.amount()).isNotNegative());
        var expected = new java.util.HashMap<AccountNumber, Money>();
        numbers.forEach(number -> expected.put(number, Money.euros("1000.00")));
        long succeeded = 0;
        for (int i = 0; i < orders.size(); i++) {
            if (succeeded(results.get(i))) {
                var order = orders.get(i);
                expected.computeIfPresent(order.from(), (number, balance) -> balance.minus(order.amount()));
                expected.computeIfPresent(order.to(), (number, balance) -> balance.plus(order.amount()));
                succeeded++;
            }
        }
        assertThat(succeeded).as("transfers booked").isPositive();
        assertThat(transferRepository.count()).isEqualTo(succeeded);
        for (var number : numbers) {
            assertThat(accounts.get(number).balance()).as("balance of %s", number).isEqualTo(expected.get(number))
                    .isEqualTo(replay(number));
        }
    }

    private Money replay(AccountNumber number) {
        var balance = Money.euros("1000.00");
        for (var transfer : transfers.of(number, 0, 100).getContent()) {
            balance = transfer.isIncomingFor(number) ? balance.plus(transfer.amount()) : balance.minus(transfer.amount());
        }
        return balance;
    }

    private boolean succeeded(Future<Boolean> result) {
        try {
            return result.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CustomerId owner() {
        return new CustomerId(UUID.randomUUID());
    }
}
