package org.erlbank.load;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Access tokens from auth-server for the users the load tests act as, each got by the login {@code ./erlbank token}
 * does (see {@link CliLogin}), kept, and renewed once 80 % of its lifetime has passed: never one per request.
 *
 * <p>{@link #token(String)} is safe from any number of threads and blocks only when a user has no usable token yet
 * (then one thread logs in, the others wait for its token). A due renewal runs in the background while the
 * current token is still handed out, so that a Gatling header function never waits for a login. A renewal that
 * fails (auth-server down) leaves the current token in use until shortly before it expires, and is tried again a few
 * seconds later; only a user without a usable token gets an error.
 *
 * <p>The auth-server's address is the system property {@code erlbank.auth-server} (default
 * {@code http://localhost:9000}). A user's password is {@code <user>-password} (the demo logins'), unless one was
 * given with {@link #usePassword(String, String)}.
 */
public final class AuthServerTokens {

    /** The demo teller: reads everything, changes customers, moves no money. */
    public static final String TELLER = "teller";

    /** The share of a token's lifetime after which a new one is got. */
    static final double RENEW_AFTER = 0.8;

    /**
     * A token is not handed out closer to its expiry than this: it must still be valid when the request reaches the
     * service (which allows only a few seconds of clock skew).
     */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);

    /** After a failed renewal, the next try no sooner than this (a down auth-server is not asked per request). */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    /** What auth-server issued: an access token and how long it lives ({@code expires_in}). */
    record Issued(String accessToken, Duration expiresIn) {
    }

    /** Gets a user a new token: the login against auth-server, or a stand-in in a test. */
    @FunctionalInterface
    interface Issuer {
        Issued issue(String user, String password) throws IOException, InterruptedException;
    }

    private final Issuer issuer;
    private final Clock clock;
    private final Executor renewals;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, UserTokens> users = new ConcurrentHashMap<>();

    /** Tokens from the auth-server at that address (for example {@code http://localhost:9000}). */
    public AuthServerTokens(URI authServer) {
        this(new CliLogin(authServer), Clock.systemUTC(), Executors.newCachedThreadPool(runnable -> {
            var thread = new Thread(runnable, "token-renewal");
            thread.setDaemon(true);
            return thread;
        }));
    }

    AuthServerTokens(Issuer issuer, Clock clock, Executor renewals) {
        this.issuer = issuer;
        this.clock = clock;
        this.renewals = renewals;
    }

    /** Tokens from the auth-server named by the system property {@code erlbank.auth-server}. */
    public static AuthServerTokens fromSystemProperties() {
        return new AuthServerTokens(authServerFromSystemProperties());
    }

    static URI authServerFromSystemProperties() {
        var value = System.getProperty("erlbank.auth-server");
        return URI.create(value == null || value.isBlank() ? "http://localhost:9000" : value.strip());
    }

    /** Logs that user in with this password from now on, instead of {@code <user>-password}. */
    public AuthServerTokens usePassword(String user, String password) {
        passwords.put(user, password);
        return this;
    }

    /**
     * A valid access token for that user: the one held, or (the first time, or after it expired) a new one.
     *
     * @throws IllegalStateException if the user has no usable token and auth-server gave her none
     */
    public String token(String user) {
        return users.computeIfAbsent(user, UserTokens::new).token();
    }

    /**
     * Makes sure that user's token is handed out for at least that long without a login: logs her in now (and
     * waits for it) if her token would be renewed or expire within it. Before auth-server is made unavailable on
     * purpose, say, so that no request waits for it.
     *
     * @throws IllegalStateException if auth-server gave her no token
     */
    public void keepValidFor(String user, Duration period) {
        users.computeIfAbsent(user, UserTokens::new).keepValidFor(period);
    }

    /** The value of an {@code Authorization} header with that user's token. */
    public String bearer(String user) {
        return "Bearer " + token(user);
    }

    /** A token held, when to renew it, and until when to hand it out. */
    private record Held(String token, Instant renewAt, Instant usableUntil) {
    }

    private final class UserTokens {

        private final String user;
        /** One login at a time per user, in the foreground or in the background. */
        private final ReentrantLock login = new ReentrantLock();
        private final AtomicBoolean renewing = new AtomicBoolean();
        private volatile Held held;
        private volatile Instant nextRenewal = Instant.MIN;

        UserTokens(String user) {
            this.user = user;
        }

        String token() {
            var now = clock.instant();
            var current = held;
            if (current != null && now.isBefore(current.usableUntil())) {
                if (!now.isBefore(current.renewAt())) {
                    renewInBackground(now);
                }
                return current.token();
            }
            login.lock();
            try {
                // Another thread may have logged in while this one waited.
                current = held;
                if (current != null && clock.instant().isBefore(current.usableUntil())) {
                    return current.token();
                }
                return logIn().token();
            } finally {
                login.unlock();
            }
        }

        void keepValidFor(Duration period) {
            login.lock();
            try {
                var current = held;
                var until = clock.instant().plus(period);
                if (current == null || until.isAfter(current.renewAt())) {
                    logIn();
                }
            } finally {
                login.unlock();
            }
        }

        private void renewInBackground(Instant now) {
            if (now.isBefore(nextRenewal) || !renewing.compareAndSet(false, true)) {
                return;
            }
            try {
                renewals.execute(this::renew);
            } catch (RuntimeException rejected) {
                renewing.set(false);
                throw rejected;
            }
        }

        private void renew() {
            login.lock();
            try {
                var current = held;
                if (current == null || !clock.instant().isBefore(current.renewAt())) {
                    logIn();
                }
            } catch (RuntimeException failed) {
                nextRenewal = clock.instant().plus(RETRY_AFTER);
                System.err.printf("Could not renew %s's token (the current one is used until it expires): %s%n",
                        user, failed.getMessage());
            } finally {
                login.unlock();
                renewing.set(false);
            }
        }

        /** A new token, held from now on. Called with the login lock held. */
        private Held logIn() {
            var asked = clock.instant();
            Issued issued;
            try {
                issued = issuer.issue(user, passwords.getOrDefault(user, user + "-password"));
            } catch (IOException e) {
                throw new IllegalStateException("no token for " + user + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("no token for " + user + ": interrupted", e);
            }
            var lifetime = issued.expiresIn();
            // Timed from before the request was sent: the token's own clock started no earlier.
            var next = new Held(issued.accessToken(),
                    asked.plusMillis((long) (lifetime.toMillis() * RENEW_AFTER)),
                    asked.plus(lifetime).minus(EXPIRY_MARGIN));
            held = next;
            nextRenewal = Instant.MIN;
            return next;
        }
    }
}
