package org.erlbank.customer.demo;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.erlbank.customer.customers.CustomerFeed;
import org.erlbank.customer.customers.Customers;
import org.erlbank.testing.AtOnce;
import org.erlbank.testing.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two instances of customer-service starting at the same moment on one PostgreSQL database, as behind a load
 * balancer: the migrations are applied once, and the demo customers are registered once (once in the feed too),
 * where before the second instance failed to start on their ids.
 */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ Customers.class, CustomerFeed.class, TwoInstancesStartingOnPostgresTest.Jdbc.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class TwoInstancesStartingOnPostgresTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.register(registry);
    }

    /** A JdbcClient, as the application's auto-configuration makes one (a JPA slice does not). */
    @TestConfiguration(proxyBeanMethods = false)
    static class Jdbc {

        @Bean
        JdbcClient jdbcClient(DataSource dataSource) {
            return JdbcClient.create(dataSource);
        }
    }

    @Autowired
    Customers customers;

    @Autowired
    JdbcClient jdbc;

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
        assertThat(applied).containsExactly("1", "2", "3", "4", "5");
        assertThat(results).allSatisfy(result -> assertThat(result.success).isTrue());
        assertThat(results.get(0).migrationsExecuted + results.get(1).migrationsExecuted).isEqualTo(applied.size());
    }

    @Test
    void theyRegisterTheDemoCustomersOnce() throws Exception {
        jdbc.sql("delete from customer_event").update();
        jdbc.sql("update customer_feed_head set last_position = 0").update();
        jdbc.sql("delete from customer").update();
        jdbc.sql("delete from run_once").update();

        var ran = AtOnce.run(2, () -> {
            new DemoCustomers(customers, jdbc, transactionManager).run(new DefaultApplicationArguments());
            return true;
        });

        assertThat(ran).containsExactly(true, true);
        assertThat(jdbc.sql("select count(*) from customer").query(Integer.class).single())
                .isEqualTo(DemoCustomers.CUSTOMERS.size());
        assertThat(jdbc.sql("select position from customer_event order by position").query(Long.class).list())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(jdbc.sql("select name from run_once").query(String.class).list()).containsExactly("demo-customers");
    }
}
