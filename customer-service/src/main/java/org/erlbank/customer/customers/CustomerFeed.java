package org.erlbank.customer.customers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customer feed: every change to a customer as an event, at a position (1, 2, 3, ... in commit order, without
 * gaps), written in the transaction of the change.
 */
@Component
public class CustomerFeed {

    public static final String REGISTERED = "customer-registered";
    public static final String RENAMED = "customer-renamed";
    public static final String MOVED = "customer-moved";

    private final JdbcClient jdbc;
    private final Clock clock = Clock.systemUTC();

    CustomerFeed(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Appends an event for the customer as it is now. Only inside the transaction that changed it (the head's row
     * lock is held until that transaction ends, which keeps positions in commit order).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void append(String type, Customer customer) {
        jdbc.sql("update customer_feed_head set last_position = last_position + 1 where id = 1").update();
        // The head this transaction just moved (and holds locked): the new event's position.
        long position = lastPosition();
        var name = customer.name();
        var address = customer.postalAddress();
        jdbc.sql("""
                insert into customer_event (position, type, customer_id, occurred_at, given_name, surname, street,
                                            postal_code, city, country)
                values (:position, :type, :customerId, :occurredAt, :givenName, :surname, :street, :postalCode, :city,
                        :country)""")
                .param("position", position)
                .param("type", type)
                .param("customerId", customer.id().value())
                .param("occurredAt", Timestamp.from(clock.instant()))
                .param("givenName", name.givenName())
                .param("surname", name.surname())
                .param("street", address.map(PostalAddress::street).orElse(null))
                .param("postalCode", address.map(PostalAddress::postalCode).orElse(null))
                .param("city", address.map(PostalAddress::city).orElse(null))
                .param("country", address.map(PostalAddress::country).orElse(null))
                .update();
    }

    /** The position of the newest event; 0 when there is none. */
    @Transactional(readOnly = true)
    public long lastPosition() {
        return jdbc.sql("select last_position from customer_feed_head where id = 1").query(Long.class).single();
    }

    /** The events from {@code first} to {@code last} (both included) that exist, in order of position. */
    @Transactional(readOnly = true)
    public List<CustomerEvent> between(long first, long last) {
        return jdbc.sql("""
                select position, type, customer_id, occurred_at, given_name, surname, street, postal_code, city, country
                from customer_event where position between :first and :last order by position""")
                .param("first", first)
                .param("last", last)
                .query((row, number) -> event(row))
                .list();
    }

    private static CustomerEvent event(ResultSet row) throws SQLException {
        var street = row.getString("street");
        var address = street == null ? Optional.<PostalAddress>empty() : Optional.of(new PostalAddress(street,
                row.getString("postal_code"), row.getString("city"), row.getString("country")));
        return new CustomerEvent(row.getLong("position"), row.getString("type"),
                new CustomerId(row.getObject("customer_id", UUID.class)),
                row.getTimestamp("occurred_at").toInstant(),
                new PersonName(row.getString("given_name"), row.getString("surname")), address);
    }
}
