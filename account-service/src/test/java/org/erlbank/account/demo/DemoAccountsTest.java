package org.erlbank.account.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.util.UUID;
import org.erlbank.account.accounts.Account;
import org.erlbank.account.accounts.Accounts;
import org.erlbank.account.accounts.Transfers;
import org.erlbank.account.customers.CustomerId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.transaction.PlatformTransactionManager;

class DemoAccountsTest {

    private final Accounts accounts = mock(Accounts.class);
    private final Transfers transfers = mock(Transfers.class);
    // A real database for what is done once in its life (the table is the service's own migration's).
    private final EmbeddedDatabase database = new EmbeddedDatabaseBuilder().generateUniqueName(true)
            .setType(EmbeddedDatabaseType.H2).addScript("db/migration/V4__create_run_once_and_shedlock.sql").build();
    private final JdbcClient jdbc = JdbcClient.create(database);
    private final PlatformTransactionManager transactions = new DataSourceTransactionManager(database);

    @AfterEach
    void dropDatabase() {
        database.shutdown();
    }

    private DemoAccounts demoAccounts() {
        return new DemoAccounts(accounts, transfers, jdbc, transactions);
    }

    @Test
    void opensAnAccountForEveryDemoCustomerWithoutAskingCustomerService() {
        given(accounts.isEmpty()).willReturn(true);
        given(accounts.openForKnownOwner(any())).willAnswer(invocation -> mock(Account.class));

        demoAccounts().run(new DefaultApplicationArguments());

        verify(accounts, times(DemoAccounts.DEMO_CUSTOMERS)).openForKnownOwner(any());
        verify(accounts).openForKnownOwner(new CustomerId(UUID.fromString("c0000000-0000-4000-8000-000000000001")));
        verify(accounts).openForKnownOwner(new CustomerId(UUID.fromString("c0000000-0000-4000-8000-000000000006")));
        verify(accounts, never()).open(any());
        verify(transfers, times(7)).transfer(any(), any(), any());
    }

    /** Once in the database's life: not again at the next start, not even when it finds no account then. */
    @Test
    void opensThemOnceInTheDatabasesLife() {
        given(accounts.isEmpty()).willReturn(true);
        given(accounts.openForKnownOwner(any())).willAnswer(invocation -> mock(Account.class));

        demoAccounts().run(new DefaultApplicationArguments());
        demoAccounts().run(new DefaultApplicationArguments());

        verify(accounts, times(DemoAccounts.DEMO_CUSTOMERS)).openForKnownOwner(any());
        assertThat(jdbc.sql("select name from run_once").query(String.class).list()).containsExactly("demo-accounts");
    }

    /** A start that fails half-way leaves no mark: the next start opens them (its transaction undid the half). */
    @Test
    void aStartThatFailedHalfWayIsNotCountedAsDone() {
        given(accounts.isEmpty()).willReturn(true);
        given(accounts.openForKnownOwner(any())).willAnswer(invocation -> mock(Account.class));
        given(transfers.transfer(any(), any(), any())).willThrow(new IllegalStateException("the database went away"))
                .willReturn(null);

        assertThatThrownBy(() -> demoAccounts().run(new DefaultApplicationArguments()))
                .hasMessage("the database went away");
        assertThat(jdbc.sql("select count(*) from run_once").query(Integer.class).single()).isZero();

        demoAccounts().run(new DefaultApplicationArguments());
        verify(accounts, times(2 * DemoAccounts.DEMO_CUSTOMERS)).openForKnownOwner(any());
        assertThat(jdbc.sql("select name from run_once").query(String.class).list()).containsExactly("demo-accounts");
    }

    @Test
    void leavesExistingAccountsAlone() {
        given(accounts.isEmpty()).willReturn(false);

        demoAccounts().run(new DefaultApplicationArguments());

        verify(accounts, never()).openForKnownOwner(any());
        verifyNoInteractions(transfers);
    }

    @Test
    void canBeSwitchedOff() {
        new ApplicationContextRunner()
                .withBean(Accounts.class, () -> accounts)
                .withBean(Transfers.class, () -> transfers)
                .withBean(JdbcClient.class, () -> jdbc)
                .withBean(PlatformTransactionManager.class, () -> transactions)
                .withUserConfiguration(DemoAccounts.class)
                .withPropertyValues("erlbank.demo-data.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(DemoAccounts.class));
    }
}
