package org.erlbank.auth.logins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.erlbank.auth.MutableClock;
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
    void theFifthFailureLocksForTheDurationAndFailuresWhileLockedDoNotProlongIt() {
        var name = uniqueName();
        logins.add(new NewLogin(name, "a-long-password", Role.TELLER, null));
        for (int failure = 1; failure <= 4; failure++) {
            logins.failed(name);
        }
        assertThat(logins.locked(logins.find(name).orElseThrow())).isFalse();

        logins.failed(name);

        var locked = logins.find(name).orElseThrow();
        assertThat(logins.locked(locked)).isTrue();
        assertThat(locked.lockedUntil()).isEqualTo(clock.instant().plusSeconds(60).truncatedTo(ChronoUnit.MICROS));
        clock.advance(Duration.ofSeconds(59));
        logins.failed(name);
        assertThat(logins.find(name).orElseThrow().lockedUntil()).isEqualTo(locked.lockedUntil());
        clock.advance(Duration.ofSeconds(2));
        assertThat(logins.locked(logins.find(name).orElseThrow())).isFalse();
    }

    @Test
    void aSuccessClearsTheCount() {
        var name = uniqueName();
        logins.add(new NewLogin(name, "a-long-password", Role.TELLER, null));
        logins.failed(name);
        logins.failed(name);

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
