package org.erlbank.customer.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import org.erlbank.customer.customers.Customers;
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

class DemoCustomersTest {

    private final Customers customers = mock(Customers.class);
    // A real database for what is done once in its life (the table is the service's own migration's).
    private final EmbeddedDatabase database = new EmbeddedDatabaseBuilder().generateUniqueName(true)
            .setType(EmbeddedDatabaseType.H2).addScript("db/migration/V5__create_run_once_and_shedlock.sql").build();
    private final JdbcClient jdbc = JdbcClient.create(database);
    private final PlatformTransactionManager transactions = new DataSourceTransactionManager(database);

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(Customers.class, () -> customers)
            .withBean(JdbcClient.class, () -> jdbc)
            .withBean(PlatformTransactionManager.class, () -> transactions)
            .withUserConfiguration(DemoCustomers.class);

    @AfterEach
    void dropDatabase() {
        database.shutdown();
    }

    private DemoCustomers demoCustomers() {
        return new DemoCustomers(customers, jdbc, transactions);
    }

    @Test
    void registersTheDemoCustomersIntoAnEmptyDatabase() {
        given(customers.isEmpty()).willReturn(true);

        demoCustomers().run(new DefaultApplicationArguments());

        verify(customers, times(DemoCustomers.CUSTOMERS.size())).registerWithId(any(), any());
        DemoCustomers.CUSTOMERS.forEach(demo -> verify(customers).registerWithId(demo.id(), demo.name()));
    }

    /** Once in the database's life: not again at the next start, not even when it finds no customer then. */
    @Test
    void registersThemOnceInTheDatabasesLife() {
        given(customers.isEmpty()).willReturn(true);

        demoCustomers().run(new DefaultApplicationArguments());
        demoCustomers().run(new DefaultApplicationArguments());

        verify(customers, times(DemoCustomers.CUSTOMERS.size())).registerWithId(any(), any());
        assertThat(jdbc.sql("select name from run_once").query(String.class).list()).containsExactly("demo-customers");
    }

    @Test
    void leavesADatabaseWithCustomersAlone() {
        given(customers.isEmpty()).willReturn(false);

        demoCustomers().run(new DefaultApplicationArguments());

        verify(customers, never()).registerWithId(any(), any());
    }

    @Test
    void isOnByDefault() {
        context.run(started -> assertThat(started).hasSingleBean(DemoCustomers.class));
    }

    @Test
    void canBeSwitchedOff() {
        context.withPropertyValues("erlbank.demo-data.enabled=false")
                .run(started -> assertThat(started).doesNotHaveBean(DemoCustomers.class));
    }
}
