package org.erlbank.http.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalInt;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgets the keys older than the retention, once per period for all instances of a service that share its
 * database: whichever instance comes first takes ShedLock's lock {@value #TASK} in the {@code shedlock} table (its
 * time is the database's, not an instance's clock) and keeps it for the whole period, so the others skip it until
 * then. An instance that dies while forgetting releases nothing, and the lock ends with the period all the same.
 */
final class ExpiredKeys {

    static final String TASK = "forget-expired-idempotency-keys";

    private static final Logger log = LoggerFactory.getLogger(ExpiredKeys.class);

    private final IdempotencyStore store;
    private final TransactionTemplate transactions;
    private final LockingTaskExecutor once;
    private final Duration retention;
    private final Duration period;
    private final Clock clock;

    ExpiredKeys(IdempotencyStore store, TransactionTemplate transactions, DataSource dataSource, Duration retention,
            Duration period, Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.once = new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(JdbcTemplateLockProvider
                .Configuration.builder().withJdbcTemplate(new JdbcTemplate(dataSource)).usingDbTime().build()));
        this.retention = retention;
        this.period = period;
        this.clock = clock;
    }

    /**
     * Forgets the expired keys unless an instance (this one included) did within the period.
     *
     * @return how many keys were forgotten, or empty when another instance's turn is not over
     */
    OptionalInt forget() {
        try {
            var result = once.executeWithLock(() -> transactions.execute(status -> store.forgetOlderThan(retention)),
                    new LockConfiguration(clock.instant(), TASK, period, period));
            if (!result.wasExecuted()) {
                return OptionalInt.empty();
            }
            int forgotten = result.getResult();
            if (forgotten > 0) {
                log.info("Forgot {} idempotency keys older than {}", forgotten, retention);
            }
            return OptionalInt.of(forgotten);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
