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
@Import({ Customers.class, CustomerFeed.class, CustomerRepositoryContract.Jdbc.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
abstract class CustomerRepositoryContract {

    @Autowired
    Customers customers;

    @Autowired
    CustomerRepository repository;

    @Autowired
    DataSource dataSource;

    @Autowired
    CustomerFeed feed;

    /** A JdbcClient, as the application's auto-configuration makes one (a JPA slice does not). */
    @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
    static class Jdbc {

        @org.springframework.context.annotation.Bean
        org.springframework.jdbc.core.simple.JdbcClient jdbcClient(DataSource dataSource) {
            return org.springframework.jdbc.core.simple.JdbcClient.create(dataSource);
        }
    }

    @BeforeEach
    void emptyTable() {
        repository.deleteAllInBatch();
        var jdbc = new JdbcTemplate(dataSource);
        jdbc.update("delete from customer_event");
        jdbc.update("update customer_feed_head set last_position = 0");
    }

    @Test
    void everyChangeIsAnEventInTheFeedWithTheCustomerAsItLeftIt() {
        var ada = customers.register(new PersonName("Ada", "Lovelace"));
        customers.rename(ada.id(), version -> true, new PersonName("Augusta Ada", "Lovelace"));
        customers.rename(ada.id(), version -> true, new PersonName("Augusta Ada", "Lovelace"));
        var london = new PostalAddress("12 St James's Square", "SW1Y 4JH", "London", "GB");
        customers.change(ada.id(), version -> true, new PersonName("Augusta Ada", "Lovelace"), london);
        customers.change(ada.id(), version -> true, new PersonName("Ada", "King"),
                new PostalAddress("Great Cumberland Place 12", "W1H 7AA", "London", "GB"));

        var events = feed.between(1, 100);

        assertThat(events).extracting(CustomerEvent::position).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(events).extracting(CustomerEvent::type).containsExactly(CustomerFeed.REGISTERED,
                CustomerFeed.RENAMED, CustomerFeed.MOVED, CustomerFeed.RENAMED, CustomerFeed.MOVED);
        assertThat(events).extracting(CustomerEvent::customerId).containsOnly(ada.id());
        assertThat(events.get(1).name()).isEqualTo(new PersonName("Augusta Ada", "Lovelace"));
        assertThat(events.get(1).postalAddress()).isEmpty();
        assertThat(events.get(2).postalAddress()).contains(london);
        assertThat(events.get(4).name()).isEqualTo(new PersonName("Ada", "King"));
        assertThat(feed.lastPosition()).isEqualTo(5);
    }

    /** A change that does not happen leaves no event: the event is written in the change's transaction. */
    @Test
    void aRefusedChangeLeavesNoEvent() {
        var ada = customers.register(new PersonName("Ada", "Lovelace"));

        assertThatThrownBy(() -> customers.rename(ada.id(), version -> version == 7, new PersonName("Eve", "Lovelace")))
                .isInstanceOf(StaleCustomerException.class);

        assertThat(feed.between(1, 100)).extracting(CustomerEvent::type).containsExactly(CustomerFeed.REGISTERED);
        assertThat(feed.lastPosition()).isEqualTo(1);
    }

    /** Concurrent writers get positions 1, 2, 3, ... without a gap, each once, each with its own customer. */
    @Test
    void concurrentRegistrationsGetPositionsWithoutGaps() throws Exception {
        int writers = 6;
        int each = 10;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(writers);
        var done = new java.util.ArrayList<java.util.concurrent.Future<?>>();
        for (int writer = 0; writer < writers; writer++) {
            int w = writer;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    customers.register(new PersonName("Writer" + w, "Number" + i));
                }
                return null;
            }));
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        for (var writer : done) {
            writer.get();
        }

        var events = feed.between(1, 1_000);
        assertThat(events).extracting(CustomerEvent::position)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, writers * each).boxed().toList());
        assertThat(events).extracting(CustomerEvent::customerId).doesNotHaveDuplicates();
        assertThat(feed.lastPosition()).isEqualTo(writers * each);
    }

    /**
     * The customer table as the migrations make it, read from the database's own catalogue (information_schema,
     * which H2 and PostgreSQL both keep): every column with its type, size and nullability, the primary key, and the
     * rule that an address is whole or absent.
     */
    @Test
    void migrationsCreateTheCustomerTable() {
        var jdbc = new JdbcTemplate(dataSource);

        var columns = jdbc.query("""
                select lower(column_name), lower(data_type), character_maximum_length, is_nullable
                from information_schema.columns
                where lower(table_name) = 'customer' and lower(table_schema) = 'public'
                order by ordinal_position""",
                (row, i) -> row.getString(1) + " " + row.getString(2)
                        + (row.getObject(3) == null ? "" : "(" + row.getLong(3) + ")")
                        + ("NO".equals(row.getString(4)) ? " not null" : ""));
        var constraints = jdbc.query("""
                select lower(constraint_type), lower(constraint_name)
                from information_schema.table_constraints
                where lower(table_name) = 'customer' and lower(table_schema) = 'public'
                  and constraint_type in ('PRIMARY KEY', 'CHECK')""",
                (row, i) -> row.getString(1) + " " + row.getString(2));
        var primaryKey = jdbc.queryForList("""
                select lower(k.column_name)
                from information_schema.key_column_usage k
                join information_schema.table_constraints c
                  on c.constraint_name = k.constraint_name and c.table_schema = k.table_schema
                 and c.table_name = k.table_name
                where lower(k.table_name) = 'customer' and lower(k.table_schema) = 'public'
                  and c.constraint_type = 'PRIMARY KEY'""", String.class);

        assertThat(columns).containsExactly(
                "id uuid not null",
                "version bigint not null",
                "given_name character varying(100) not null",
                "surname character varying(100) not null",
                "street character varying(200)",
                "postal_code character varying(16)",
                "city character varying(100)",
                "country character varying(2)");
        assertThat(primaryKey).containsExactly("id");
        assertThat(constraints).contains("check customer_address_complete")
                .filteredOn(constraint -> constraint.startsWith("primary key")).hasSize(1);
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

    /** A customer's own list: herself when she matches the search, as the first page of one; nobody else, ever. */
    @Test
    void listsOneCustomerOnlyWithTheSameSearchAndPaging() {
        var ada = customers.register(new PersonName("Ada", "Lovelace"));
        customers.register(new PersonName("Augusta", "Lovell"));
        customers.register(new PersonName("Grace", "Hopper"));

        var all = customers.list(ada.id(), Optional.empty(), 0, 10);
        assertThat(all.getContent()).extracting(Customer::id).containsExactly(ada.id());
        assertThat(all.getTotalElements()).isEqualTo(1);
        assertThat(customers.list(ada.id(), Optional.of("LOVE"), 0, 10).getContent()).extracting(Customer::id)
                .containsExactly(ada.id());
        var otherSurname = customers.list(ada.id(), Optional.of("Hop"), 0, 10);
        assertThat(otherSurname.getContent()).isEmpty();
        assertThat(otherSurname.getTotalElements()).isZero();
        assertThat(customers.list(ada.id(), Optional.of("%"), 0, 10).getContent()).isEmpty();
        var secondPage = customers.list(ada.id(), Optional.empty(), 1, 10);
        assertThat(secondPage.getContent()).isEmpty();
        assertThat(secondPage.getTotalElements()).isEqualTo(1);
        assertThat(customers.list(new CustomerId(UUID.randomUUID()), Optional.empty(), 0, 10).getContent()).isEmpty();
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
