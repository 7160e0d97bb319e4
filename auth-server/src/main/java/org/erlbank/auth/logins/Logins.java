package org.erlbank.auth.logins;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The logins in the database, their passwords (hashed) and their failed-login counters and locks, which live there
 * too so that a restart does not reset them.
 */
public class Logins {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwordEncoder;
    private final LockoutProperties lockout;
    private final Clock clock;

    Logins(JdbcClient jdbc, PasswordEncoder passwordEncoder, LockoutProperties lockout, Clock clock) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
        this.lockout = lockout;
        this.clock = clock;
    }

    public Optional<Login> find(String username) {
        return jdbc.sql("SELECT username, password_hash, role, customer_id, enabled, failed_attempts, locked_until"
                        + " FROM user_login WHERE username = :username")
                .param("username", username)
                .query(Logins::row)
                .optional();
    }

    /** Adds the login, unless there is one by that name already (then: false, and nothing changes). */
    public boolean add(NewLogin login) {
        if (find(login.username()).isPresent()) {
            return false;
        }
        try {
            jdbc.sql("INSERT INTO user_login (username, password_hash, role, customer_id, enabled, failed_attempts,"
                            + " created_at) VALUES (:username, :hash, :role, :customerId, TRUE, 0, :now)")
                    .param("username", login.username())
                    .param("hash", passwordEncoder.encode(login.password()))
                    .param("role", login.role().claim())
                    .param("customerId", login.customerId())
                    .param("now", Timestamp.from(clock.instant()))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            // Another request added it since we looked.
            return false;
        }
    }

    /**
     * Counts a login attempt before its password is checked, and says whether it may be checked at all: false while
     * the login is locked (or unknown). The attempt that reaches the maximum locks the login and starts the count
     * afresh; a right password clears both ({@link #succeeded}). Counted first, in one statement, so that however many
     * guesses arrive at once, at most the maximum of them are admitted before the lock; counted after the check, they
     * would all read "not locked" and all be tried. While locked, nothing counts: the lock is not prolonged by whoever
     * keeps trying.
     */
    boolean attempt(String username) {
        var now = clock.instant();
        return jdbc.sql("""
                        UPDATE user_login
                        SET locked_until = CASE WHEN failed_attempts + 1 >= :max THEN :until ELSE locked_until END,
                            failed_attempts = CASE WHEN failed_attempts + 1 >= :max THEN 0 ELSE failed_attempts + 1 END
                        WHERE username = :username AND (locked_until IS NULL OR locked_until <= :now)""")
                .param("max", lockout.maxFailures())
                .param("until", Timestamp.from(now.plus(lockout.duration())))
                .param("now", Timestamp.from(now))
                .param("username", username)
                .update() == 1;
    }

    void succeeded(String username) {
        jdbc.sql("UPDATE user_login SET failed_attempts = 0, locked_until = NULL"
                        + " WHERE username = :username AND (failed_attempts <> 0 OR locked_until IS NOT NULL)")
                .param("username", username)
                .update();
    }

    private static Login row(ResultSet rs, int row) throws SQLException {
        var lockedUntil = rs.getTimestamp("locked_until");
        return new Login(rs.getString("username"), rs.getString("password_hash"), Role.of(rs.getString("role")),
                rs.getObject("customer_id", UUID.class), rs.getBoolean("enabled"), rs.getInt("failed_attempts"),
                lockedUntil == null ? null : lockedUntil.toInstant());
    }
}
