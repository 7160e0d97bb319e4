package org.erlbank.account.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import javax.sql.DataSource;
import org.erlbank.account.accounts.AccountProperties;
import org.erlbank.account.accounts.Accounts;
import org.erlbank.account.accounts.Transfers;
import org.erlbank.account.customers.CustomerDirectory;
import org.erlbank.testing.AtOnce;
import org.erlbank.testing.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two instances of account-service starting at the same moment on one PostgreSQL database, as behind a load
 * balancer: the migrations are applied once, and the demo accounts are opened once, not once per instance.
 */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ Accounts.class, Transfers.class, TwoInstancesStartingOnPostgresTest.Config.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class TwoInstancesStartingOnPostgresTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.register(registry);
    }

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AccountProperties.class)
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
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void theirMigrationsAreAppliedOnce() throws Exception {
        var database = EmbeddedPostgres.newDatabase();

        var results = AtOnce.run(2, () -> Flyway.configure().dataSource(database).locations("classpath:db/migration")
                .load().migrate());

        var applied = JdbcClient.create(database).sql(
                "select version from flyway_schema_history where success order by installed_rank")
                .query(String.class).list();
        assertThat(applied).containsExactly("1", "2", "3", "4");
        assertThat(results).allSatisfy(result -> assertThat(result.success).isTrue());
        assertThat(results.get(0).migrationsExecuted + results.get(1).migrationsExecuted).isEqualTo(applied.size());
    }

    @Test
    void theyOpenTheDemoAccountsOnce() throws Exception {
        var jdbc = JdbcClient.create(dataSource);
        jdbc.sql("delete from transfer").update();
        jdbc.sql("delete from account").update();
        jdbc.sql("delete from run_once").update();

        var ran = AtOnce.run(2, () -> {
            new DemoAccounts(accounts, transfers, jdbc, transactionManager).run(new DefaultApplicationArguments());
            return true;
        });

        assertThat(ran).containsExactly(true, true);
        assertThat(jdbc.sql("select count(*) from account").query(Integer.class).single())
                .isEqualTo(DemoAccounts.DEMO_CUSTOMERS);
        assertThat(jdbc.sql("select count(*) from transfer").query(Integer.class).single()).isEqualTo(7);
        assertThat(jdbc.sql("select name from run_once").query(String.class).list()).containsExactly("demo-accounts");
    }
}
