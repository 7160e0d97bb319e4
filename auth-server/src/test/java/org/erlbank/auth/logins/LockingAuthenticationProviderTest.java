package org.erlbank.auth.logins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.erlbank.testing.MutableClock;
import org.erlbank.auth.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The lock holds against guesses sent at once: each is counted before its password is checked, so a guess that
 * arrives while others are still being checked finds the login locked, even with the right password.
 */
class LockingAuthenticationProviderTest {

    private static final int GUESSES = 9;

    private final CountDownLatch guessesBeingChecked = new CountDownLatch(GUESSES);
    private final CountDownLatch verdicts = new CountDownLatch(1);

    /** Plain-text passwords; a wrong one is held inside its check until the test lets the verdicts go. */
    private final PasswordEncoder holdingWrongGuesses = new PasswordEncoder() {

        @Override
        public String encode(CharSequence raw) {
            return raw.toString();
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            var right = raw.toString().equals(encoded);
            if (!right) {
                guessesBeingChecked.countDown();
                try {
                    verdicts.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return right;
        }
    };

    private final Logins logins = new Logins(JdbcClient.create(PostgresDatabase.migrated()), holdingWrongGuesses,
            new LockoutProperties(5, Duration.ofSeconds(60)), new MutableClock(Instant.parse("2026-12-01T10:00:00Z")));
    private final LockingAuthenticationProvider provider = new LockingAuthenticationProvider(logins, holdingWrongGuesses);

    @Test
    void aRightPasswordSentWhileNineGuessesAreBeingCheckedFindsTheLoginLocked() throws Exception {
        var name = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        logins.add(new NewLogin(name, "the-right-password", Role.TELLER, null));
        var pool = Executors.newFixedThreadPool(GUESSES);
        try {
            var guesses = new ArrayList<Future<?>>();
            for (int i = 0; i < GUESSES; i++) {
                guesses.add(pool.submit(() -> provider.authenticate(
                        UsernamePasswordAuthenticationToken.unauthenticated(name, "a-wrong-guess"))));
            }
            assertThat(guessesBeingChecked.await(30, TimeUnit.SECONDS)).as("every guess is being checked").isTrue();

            // None of the nine has its verdict yet: counted after the check, none would have counted so far.
            assertThatThrownBy(() -> provider.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated(name, "the-right-password")))
                    .isInstanceOf(BadCredentialsException.class);

            verdicts.countDown();
            for (var guess : guesses) {
                assertThatThrownBy(() -> guess.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(BadCredentialsException.class);
            }
        } finally {
            verdicts.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void theRightPasswordOnTheFifthAttemptStillOpensTheLoginAndClearsTheCount() {
        var name = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        logins.add(new NewLogin(name, "the-right-password", Role.TELLER, null));
        verdicts.countDown(); // no holding here
        for (int failure = 1; failure <= 4; failure++) {
            assertThatThrownBy(() -> provider.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated(name, "a-wrong-guess")))
                    .isInstanceOf(BadCredentialsException.class);
        }

        var authenticated = provider.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(name, "the-right-password"));

        assertThat(authenticated.isAuthenticated()).isTrue();
        assertThat(logins.find(name).orElseThrow().failedAttempts()).isZero();
        assertThat(logins.find(name).orElseThrow().lockedUntil()).isNull();
    }
}
