package org.erlbank.http.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The idempotency keys a service has seen, in its own database (table {@code idempotency_key}, created by each
 * service's Flyway migrations), so that they survive a restart and are written in the same transaction as the
 * effect they guard.
 */
class IdempotencyStore {

    enum State {
        IN_FLIGHT, DONE
    }

    /** A key as stored: what it was used for, and the answer once there is one. */
    record Entry(String fingerprint, State state, Instant lockedUntil, StoredResponse response) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    IdempotencyStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Claims the key for a request that is about to run.
     *
     * @throws DuplicateKeyException when it is taken already (let it end the transaction: PostgreSQL's cannot go on)
     */
    void claim(String key, String scope, String fingerprint, Duration lock) {
        var now = clock.instant();
        jdbc.sql("""
                insert into idempotency_key (idempotency_key, scope, fingerprint, state, locked_until, created_at)
                values (:key, :scope, :fingerprint, 'IN_FLIGHT', :lockedUntil, :now)""")
                .param("key", key).param("scope", scope).param("fingerprint", fingerprint)
                .param("lockedUntil", Timestamp.from(now.plus(lock))).param("now", Timestamp.from(now))
                .update();
    }

    Optional<Entry> find(String key, String scope) {
        return jdbc.sql("""
                select fingerprint, state, locked_until, response_status, response_headers, response_body
                from idempotency_key where idempotency_key = :key and scope = :scope""")
                .param("key", key).param("scope", scope)
                .query((row, number) -> {
                    var state = State.valueOf(row.getString("state"));
                    var response = state == State.DONE
                            ? new StoredResponse(row.getInt("response_status"), row.getString("response_headers"),
                                    row.getString("response_body"))
                            : null;
                    return new Entry(row.getString("fingerprint"), state,
                            row.getTimestamp("locked_until").toInstant(), response);
                })
                .optional();
    }

    /**
     * Takes over a key whose request was abandoned (its service died before it finished: nothing of it was
     * committed). Only one of several requests that try at once wins.
     */
    boolean takeOver(String key, String scope, Instant abandonedLock, Duration lock) {
        return jdbc.sql("""
                update idempotency_key set locked_until = :lockedUntil
                where idempotency_key = :key and scope = :scope and state = 'IN_FLIGHT'
                  and locked_until = :abandonedLock""")
                .param("lockedUntil", Timestamp.from(clock.instant().plus(lock)))
                .param("key", key).param("scope", scope).param("abandonedLock", Timestamp.from(abandonedLock))
                .update() == 1;
    }

    /** Records the answer; called inside the transaction of the request's effect. */
    void complete(String key, String scope, StoredResponse response) {
        jdbc.sql("""
                update idempotency_key set state = 'DONE', response_status = :status,
                  response_headers = :headers, response_body = :body
                where idempotency_key = :key and scope = :scope""")
                .param("status", response.status()).param("headers", response.headers())
                .param("body", response.body()).param("key", key).param("scope", scope)
                .update();
    }

    /** Frees a key whose request failed: the client may try again with it. */
    void release(String key, String scope) {
        jdbc.sql("delete from idempotency_key where idempotency_key = :key and scope = :scope and state = 'IN_FLIGHT'")
                .param("key", key).param("scope", scope).update();
    }

    /** Forgets keys older than the retention. */
    int forgetOlderThan(Duration retention) {
        return jdbc.sql("delete from idempotency_key where created_at < :limit")
                .param("limit", Timestamp.from(clock.instant().minus(retention))).update();
    }
}
