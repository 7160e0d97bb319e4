package org.erlbank.customer.demo;

import java.util.List;
import java.util.UUID;
import org.erlbank.customer.customers.CustomerId;
import org.erlbank.customer.customers.Customers;
import org.erlbank.customer.customers.PersonName;
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
 * Registers a handful of customers when the database is empty at start-up: once in the database's life, however
 * many instances of customer-service share it and start at the same moment ({@link OnceForAllInstances}), all in one
 * transaction. Their ids are fixed so that other services' demo data (accounts, say) can refer to them. Off with
 * {@code erlbank.demo-data.enabled=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "erlbank.demo-data.enabled", matchIfMissing = true)
class DemoCustomers implements ApplicationRunner {

    /** The demo customers, in the order of their ids. */
    static final List<Demo> CUSTOMERS = List.of(
            demo(1, "Ada", "Lovelace"),
            demo(2, "Grace", "Hopper"),
            demo(3, "Konrad", "Zuse"),
            demo(4, "Emmy", "Noether"),
            demo(5, "Alan", "Turing"),
            demo(6, "Barbara", "Liskov"));

    private static final Logger log = LoggerFactory.getLogger(DemoCustomers.class);

    private final Customers customers;
    private final OnceForAllInstances once;

    DemoCustomers(Customers customers, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.customers = customers;
        this.once = new OnceForAllInstances(jdbc, transactions);
    }

    @Override
    public void run(ApplicationArguments args) {
        once.run("demo-customers", this::registerUnlessThereAreCustomers);
    }

    private void registerUnlessThereAreCustomers() {
        if (!customers.isEmpty()) {
            return;
        }
        CUSTOMERS.forEach(demo -> customers.registerWithId(demo.id(), demo.name()));
        log.info("Registered {} demo customers (erlbank.demo-data.enabled=false turns this off)", CUSTOMERS.size());
    }

    record Demo(CustomerId id, PersonName name) {
    }

    private static Demo demo(int number, String givenName, String surname) {
        var id = UUID.fromString(String.format("c0000000-0000-4000-8000-%012d", number));
        return new Demo(new CustomerId(id), new PersonName(givenName, surname));
    }
}
