package org.erlbank.auth.logins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.erlbank.testing.MutableClock;
import org.erlbank.auth.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * The logins' SQL on PostgreSQL, with a clock the test moves: the count of failures, the lock and its end.
 */
class LoginsOnPostgresTest {

    private final JdbcClient jdbc = JdbcClient.create(PostgresDatabase.migrated());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final Logins logins = new Logins(jdbc, PasswordEncoderFactories.createDelegatingPasswordEncoder(),
            new LockoutProperties(5, Duration.ofSeconds(60)), clock);

    @Test
    void addsACustomerLoginOnceWithItsIdAndAHashedPassword() {
        var name = uniqueName();
        var customerId = UUID.randomUUID();

        assertThat(logins.add(new NewLogin(name, "a-long-password", Role.CUSTOMER, customerId))).isTrue();
        assertThat(logins.add(new NewLogin(name, "another-password", Role.CUSTOMER, customerId))).isFalse();

        var login = logins.find(name).orElseThrow();
        assertThat(login.customer()).contains(customerId);
        assertThat(login.role()).isEqualTo(Role.CUSTOMER);
        assertThat(login.passwordHash()).startsWith("{bcrypt}").doesNotContain("a-long-password");
    }

    @Test
    void theFifthAttemptLocksForTheDurationAndAttemptsWhileLockedAreNeitherAdmittedNorProlongIt() {
        var name = uniqueName();
        logins.add(new NewLogin(name, "a-long-password", Role.TELLER, null));
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(logins.attempt(name)).as("attempt %d", attempt).isTrue();
        }
        assertThat(logins.find(name).orElseThrow().lockedAt(clock.instant())).isFalse();

        assertThat(logins.attempt(name)).as("the fifth is still admitted").isTrue();

        var locked = logins.find(name).orElseThrow();
        assertThat(locked.lockedAt(clock.instant())).isTrue();
        assertThat(locked.lockedUntil()).isEqualTo(clock.instant().plusSeconds(60).truncatedTo(ChronoUnit.MICROS));
        clock.advance(Duration.ofSeconds(59));
        assertThat(logins.attempt(name)).as("while locked").isFalse();
        assertThat(logins.find(name).orElseThrow().lockedUntil()).isEqualTo(locked.lockedUntil());
        clock.advance(Duration.ofSeconds(2));
        assertThat(logins.find(name).orElseThrow().lockedAt(clock.instant())).isFalse();
        assertThat(logins.attempt(name)).as("once the lock has ended").isTrue();
    }

    /** Guesses sent at once: the count is taken before any password is checked, so only five get checked. */
    @Test
    void ofTwentyAttemptsAtOnceFiveAreAdmitted() throws Exception {
        var name = uniqueName();
        logins.add(new NewLogin(name, "a-long-password", Role.TELLER, null));
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(20);
        try {
            var attempts = new ArrayList<Future<Boolean>>();
            for (int i = 0; i < 20; i++) {
                attempts.add(pool.submit(() -> {
                    start.await();
                    return logins.attempt(name);
                }));
            }
            start.countDown();
            long admitted = 0;
            for (var attempt : attempts) {
                admitted += attempt.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertThat(admitted).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(logins.find(name).orElseThrow().lockedAt(clock.instant())).isTrue();
    }

    @Test
    void aSuccessClearsTheCount() {
        var name = uniqueName();
        logins.add(new NewLogin(name, "a-long-password", Role.TELLER, null));
        logins.attempt(name);
        logins.attempt(name);

        logins.succeeded(name);

        assertThat(logins.find(name).orElseThrow().failedAttempts()).isZero();
    }

    @Test
    void theSchemaRefusesATellerWithACustomerId() {
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO user_login (username, password_hash, role, customer_id,"
                        + " enabled, created_at) VALUES ('odd', 'x', 'teller', :id, TRUE, now())")
                .param("id", UUID.randomUUID()).update()).isInstanceOf(DataIntegrityViolationException.class);
    }

    private static String uniqueName() {
        return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
