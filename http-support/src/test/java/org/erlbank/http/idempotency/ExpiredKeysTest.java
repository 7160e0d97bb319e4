package org.erlbank.http.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.erlbank.testing.AtOnce;
import org.erlbank.testing.EmbeddedPostgres;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two instances of a service on one database (H2, and a real PostgreSQL) forget the expired idempotency keys once
 * per period between them, not once each.
 */
class ExpiredKeysTest {

    private static final Duration RETENTION = Duration.ofHours(24);
    private static final Duration HOUR = Duration.ofHours(1);

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2", (Callable<DataSource>) () -> new EmbeddedDatabaseBuilder()
                        .generateUniqueName(true).setType(EmbeddedDatabaseType.H2).build()),
                Arguments.of("PostgreSQL", (Callable<DataSource>) EmbeddedPostgres::newDatabase));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void whatOneInstanceForgotTheOtherLeavesAloneUntilThePeriodIsOver(String name, Callable<DataSource> newDatabase)
            throws Exception {
        var database = withTables(newDatabase.call());
        var first = instance(database, HOUR);
        var second = instance(database, HOUR);
        expiredKeys(database, 3);

        assertThat(first.forget()).hasValue(3);
        expiredKeys(database, 2);

        assertThat(second.forget()).as("the first one's period is not over").isEmpty();
        assertThat(first.forget()).as("not even for the first one").isEmpty();
        assertThat(keys(database)).isEqualTo(2 + 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void twoInstancesAtTheSameMomentForgetOnceBetweenThem(String name, Callable<DataSource> newDatabase)
            throws Exception {
        var database = withTables(newDatabase.call());
        expiredKeys(database, 5);
        var instances = new java.util.concurrent.ConcurrentLinkedQueue<>(
                java.util.List.of(instance(database, HOUR), instance(database, HOUR)));

        var forgotten = AtOnce.run(2, () -> instances.remove().forget());

        assertThat(forgotten).containsExactlyInAnyOrder(OptionalInt.of(5), OptionalInt.empty());
        assertThat(keys(database)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void onceThePeriodIsOverTheOtherInstanceForgetsTheNewOnes(String name, Callable<DataSource> newDatabase)
            throws Exception {
        var database = withTables(newDatabase.call());
        var period = Duration.ofSeconds(1);
        var first = instance(database, period);
        var second = instance(database, period);
        expiredKeys(database, 1);
        assertThat(first.forget()).hasValue(1);
        expiredKeys(database, 4);

        await().atMost(Duration.ofSeconds(20)).until(() -> second.forget().isPresent());

        assertThat(keys(database)).isEqualTo(1);
    }

    private static DataSource withTables(DataSource database) {
        new ResourceDatabasePopulator(new ClassPathResource("idempotency-tables.sql")).execute(database);
        // one key that is not expired: never forgotten
        new IdempotencyStore(JdbcClient.create(database), Clock.systemUTC()).claim("fresh", "POST /x", "f".repeat(64),
                Duration.ofSeconds(15));
        return database;
    }

    private static ExpiredKeys instance(DataSource database, Duration period) {
        var clock = Clock.systemUTC();
        return new ExpiredKeys(new IdempotencyStore(JdbcClient.create(database), clock),
                new TransactionTemplate(new DataSourceTransactionManager(database)), database, RETENTION, period,
                clock);
    }

    /** Keys sent a day and an hour ago. */
    private static void expiredKeys(DataSource database, int count) {
        var dayAgo = Clock.fixed(Instant.now().minus(RETENTION).minus(HOUR), java.time.ZoneOffset.UTC);
        var store = new IdempotencyStore(JdbcClient.create(database), dayAgo);
        for (int i = 0; i < count; i++) {
            store.claim(UUID.randomUUID().toString(), "POST /x", "e".repeat(64), Duration.ofSeconds(15));
        }
    }

    private static int keys(DataSource database) {
        return JdbcClient.create(database).sql("select count(*) from idempotency_key").query(Integer.class).single();
    }
}
