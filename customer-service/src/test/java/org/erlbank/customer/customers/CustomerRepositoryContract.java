package org.erlbank.customer.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What customer persistence must do on every database Erlbank supports: the Flyway migrations create a schema
 * the entities validate against, searching and paging work, and concurrent changes are detected.
 * Subclasses choose the database.
 */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@Import(Customers.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
abstract class CustomerRepositoryContract {

    @Autowired
    Customers customers;

    @Autowired
    CustomerRepository repository;

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void emptyTable() {
        repository.deleteAllInBatch();
    }

    @Test
    void migrationsCreateTheCustomerTable() {
        var migrations = new JdbcTemplate(dataSource).queryForObject(
                "select count(*) from \"flyway_schema_history\" where \"success\" = true", Integer.class);

        assertThat(migrations).isPositive();
    }

    @Test
    void storesAndReadsBackACustomer() {
        var registered = customers.register(new PersonName("Ada", "Lovelace"));

        var read = customers.get(registered.id());

        assertThat(read.name()).isEqualTo(new PersonName("Ada", "Lovelace"));
        assertThat(read.versionNumber()).isZero();
    }

    @Test
    void storesAPostalAddressAndKeepsItAcrossARename() {
        var address = new PostalAddress("Kurfürstendamm 21", "10719", "Berlin", "DE");
        var registered = customers.register(new PersonName("Konrad", "Zuse"), address);
        assertThat(customers.get(registered.id()).postalAddress()).contains(address);

        customers.rename(registered.id(), version -> version == 0, new PersonName("Konrad Ernst", "Zuse"));
        assertThat(customers.get(registered.id()).postalAddress()).contains(address);

        var moved = new PostalAddress("Hünfeld 1", "36088", "Hünfeld", "DE");
        customers.change(registered.id(), version -> version == 1, new PersonName("Konrad", "Zuse"), moved);
        var read = customers.get(registered.id());
        assertThat(read.postalAddress()).contains(moved);
        assertThat(read.versionNumber()).isEqualTo(2);
        assertThat(customers.get(customers.register(new PersonName("Ada", "Lovelace")).id()).postalAddress())
                .isEmpty();
    }

    /** The database, too, refuses half an address (a bug, or a hand-made row, could write one). */
    @Test
    void theDatabaseRefusesHalfAnAddress() {
        var id = customers.register(new PersonName("Ada", "Lovelace")).id();

        assertThatThrownBy(() -> new JdbcTemplate(dataSource).update(
                "update customer set city = 'London' where id = ?", id.value()))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void reportsAMissingCustomer() {
        var id = new CustomerId(UUID.randomUUID());

        assertThatThrownBy(() -> customers.get(id)).isInstanceOf(CustomerNotFoundException.class);
    }

    @Test
    void findsBySurnamePrefixIgnoringCase() {
        customers.register(new PersonName("Ada", "Lovelace"));
        customers.register(new PersonName("Augusta", "LOVELL"));
        customers.register(new PersonName("Grace", "Hopper"));

        var found = customers.list(Optional.of("lov"), 0, 10);

        assertThat(found.getContent()).extracting(c -> c.name().surname()).containsExactly("LOVELL", "Lovelace");
    }

    @Test
    void treatsWildcardsInTheSearchLiterally() {
        customers.register(new PersonName("Ada", "Lovelace"));
        customers.register(new PersonName("Per", "Cent%"));

        assertThat(customers.list(Optional.of("%"), 0, 10).getContent()).isEmpty();
        assertThat(customers.list(Optional.of("_"), 0, 10).getContent()).isEmpty();
        assertThat(customers.list(Optional.of("Cent%"), 0, 10).getContent()).hasSize(1);
    }

    @Test
    void pagesInNameOrder() {
        for (var surname : new String[] { "Zuse", "Hopper", "Turing", "Liskov", "Noether" }) {
            customers.register(new PersonName("X", surname));
        }

        var second = customers.list(Optional.empty(), 1, 2);

        assertThat(second.getTotalElements()).isEqualTo(5);
        assertThat(second.getTotalPages()).isEqualTo(3);
        assertThat(second.getContent()).extracting(c -> c.name().surname()).containsExactly("Noether", "Turing");
    }

    @Test
    void renamesWhenTheExpectedVersionIsCurrent() {
        var customer = customers.register(new PersonName("Grace", "Hopper"));

        var renamed = customers.rename(customer.id(), version -> version == 0, new PersonName("Grace", "Murray"));

        assertThat(renamed.versionNumber()).isEqualTo(1);
        assertThat(customers.get(customer.id()).name().surname()).isEqualTo("Murray");
    }

    @Test
    void refusesARenameBasedOnAStaleVersion() {
        var customer = customers.register(new PersonName("Grace", "Hopper"));
        customers.rename(customer.id(), version -> version == 0, new PersonName("Grace", "Murray"));

        assertThatThrownBy(() -> customers.rename(customer.id(), version -> version == 0,
                new PersonName("Grace", "Brewster"))).isInstanceOf(StaleCustomerException.class);
        assertThat(customers.get(customer.id()).name().surname()).isEqualTo("Murray");
    }

    /**
     * Both writers pass the version check before either commits; the database's version column must still let
     * only one of them win.
     */
    @Test
    void letsOnlyOneOfTwoConcurrentRenamesWin() throws Exception {
        var customer = customers.register(new PersonName("Grace", "Hopper"));
        var bothChecked = new CountDownLatch(2);
        var wins = new AtomicInteger();
        var conflicts = new AtomicInteger();

        var pool = Executors.newFixedThreadPool(2);
        try {
            for (var surname : new String[] { "Murray", "Brewster" }) {
                pool.submit(() -> {
                    try {
                        customers.rename(customer.id(), version -> {
                            bothChecked.countDown();
                            await(bothChecked);
                            return version == 0;
                        }, new PersonName("Grace", surname));
                        wins.incrementAndGet();
                    } catch (OptimisticLockingFailureException | StaleCustomerException e) {
                        conflicts.incrementAndGet();
                    }
                    return null;
                });
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(wins).hasValue(1);
        assertThat(conflicts).hasValue(1);
        assertThat(customers.get(customer.id()).versionNumber()).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
