package org.erlbank.customer.customers;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** Customers that existed before the feed get one event each when the feed's migration runs. */
class FeedMigrationTest {

    @Test
    void customersRegisteredBeforeTheFeedAreInItFromTheStart() throws Exception {
        var dataSource = new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:feed-migration;DB_CLOSE_DELAY=-1",
                "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("3").load().migrate();
        var jdbc = new JdbcTemplate(dataSource);
        jdbc.update("insert into customer (id, version, given_name, surname) values"
                + " ('c0000000-0000-4000-8000-000000000002', 0, 'Grace', 'Hopper'),"
                + " ('c0000000-0000-4000-8000-000000000001', 3, 'Ada', 'Lovelace')");
        jdbc.update("update customer set street = '1 Main Street', postal_code = '10001', city = 'New York',"
                + " country = 'US' where surname = 'Hopper'");

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        assertThat(jdbc.queryForList("select position, type, given_name, city from customer_event order by position"))
                .extracting(row -> row.get("POSITION") + " " + row.get("TYPE") + " " + row.get("GIVEN_NAME") + " "
                        + row.get("CITY"))
                .containsExactly("1 customer-registered Grace New York", "2 customer-registered Ada null");
        assertThat(jdbc.queryForObject("select last_position from customer_feed_head", Long.class)).isEqualTo(2);
    }
}
