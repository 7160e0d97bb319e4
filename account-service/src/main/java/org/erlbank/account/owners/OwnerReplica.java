package org.erlbank.account.owners;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The owners' names as the customer feed told them, and the feed's position they reflect, changed together in one
 * transaction: after a crash the replica continues from exactly where its names are.
 */
@Component
public class OwnerReplica {

    static final String FEED = "customers";

    /** How far the replica has read, and when it last read. */
    public record Position(long lastPosition, Optional<Instant> readAt) {
    }

    /** A name and the feed position it comes from. */
    public record Name(String givenName, String surname, long position) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    OwnerReplica(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Applies a page's events: those at or before the current position again change nothing (a page read twice, an
     * event seen twice); the others must follow on without a gap, or none is applied.
     *
     * @return how many events were new
     * @throws FeedGapException when the first new event is not the next position
     */
    @Transactional
    public int apply(List<FeedEvent> events) {
        long last = jdbc.sql("select last_position from feed_position where feed = :feed for update")
                .param("feed", FEED).query(Long.class).single();
        int applied = 0;
        for (var event : events) {
            if (event.position() <= last) {
                continue;
            }
            if (event.position() != last + 1) {
                throw new FeedGapException(last + 1, event.position());
            }
            int updated = withNameOf(event, jdbc.sql("""
                    update owner_replica set given_name = :givenName, surname = :surname, position = :position
                    where customer_id = :customerId""")).update();
            if (updated == 0) {
                withNameOf(event, jdbc.sql("""
                        insert into owner_replica (customer_id, given_name, surname, position)
                        values (:customerId, :givenName, :surname, :position)""")).update();
            }
            last = event.position();
            applied++;
        }
        jdbc.sql("update feed_position set last_position = :last, read_at = :now where feed = :feed")
                .param("last", last).param("now", Timestamp.from(clock.instant())).param("feed", FEED).update();
        return applied;
    }

    private static JdbcClient.StatementSpec withNameOf(FeedEvent event, JdbcClient.StatementSpec statement) {
        return statement.param("customerId", event.customerId()).param("givenName", event.givenName())
                .param("surname", event.familyName()).param("position", event.position());
    }

    @Transactional(readOnly = true)
    public Position position() {
        return jdbc.sql("select last_position, read_at from feed_position where feed = :feed").param("feed", FEED)
                .query((row, number) -> new Position(row.getLong("last_position"),
                        Optional.ofNullable(row.getTimestamp("read_at")).map(Timestamp::toInstant)))
                .single();
    }

    @Transactional(readOnly = true)
    public Optional<Name> nameOf(UUID customerId) {
        return jdbc.sql("select given_name, surname, position from owner_replica where customer_id = :id")
                .param("id", customerId)
                .query((row, number) -> new Name(row.getString("given_name"), row.getString("surname"),
                        row.getLong("position")))
                .optional();
    }
}
