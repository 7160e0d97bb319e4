package org.erlbank.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuthServerTokensTest {

    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final MovableClock clock = new MovableClock();
    private final Logins logins = new Logins();
    /** Renewals run at once, on the thread that found one due, so that each test sees its outcome. */
    private final AuthServerTokens tokens = new AuthServerTokens(logins, clock, Runnable::run);

    @Test
    void logsEachUserInOnceAndHandsOutHerTokenAfterwards() {
        var teller = tokens.token("teller");

        assertThat(tokens.token("teller")).isEqualTo(teller);
        assertThat(tokens.bearer("teller")).isEqualTo("Bearer " + teller);
        var ada = tokens.token("ada");
        assertThat(ada).isNotEqualTo(teller);
        assertThat(logins.asked).containsExactly("teller:teller-password", "ada:ada-password");
    }

    @Test
    void logsInWithAGivenPasswordInsteadOfTheDemoOne() {
        tokens.usePassword("bank-1", "a-random-password-of-24c");

        tokens.token("bank-1");

        assertThat(logins.asked).containsExactly("bank-1:a-random-password-of-24c");
    }

    @Test
    void getsANewTokenOnceEightyPercentOfItsLifetimeHavePassed() {
        var first = tokens.token("teller");

        clock.advance(Duration.ofSeconds(239)); // 4 min less a second: 80 % of 5 min not yet
        assertThat(tokens.token("teller")).isEqualTo(first);
        assertThat(logins.count()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        tokens.token("teller"); // due: renewed (here at once; in a run in the background, handing out the old one)
        var second = tokens.token("teller");

        assertThat(second).isNotEqualTo(first);
        assertThat(logins.count()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(239));
        assertThat(tokens.token("teller")).as("the new token's own 80 %%").isEqualTo(second);
        assertThat(logins.count()).isEqualTo(2);
    }

    /** Before auth-server is made to hang: a token that would be renewed (or expire) in the hang is renewed now. */
    @Test
    void keepsATokenValidForAPeriodByRenewingItNowIfItWouldBeRenewedWithin() {
        var first = tokens.token("teller");

        tokens.keepValidFor("teller", Duration.ofSeconds(60));
        assertThat(tokens.token("teller")).as("renewed after 4 min, not within the next minute").isEqualTo(first);
        assertThat(logins.count()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(200));
        tokens.keepValidFor("teller", Duration.ofSeconds(60));
        var second = tokens.token("teller");

        assertThat(second).isNotEqualTo(first);
        assertThat(logins.count()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(60));
        assertThat(tokens.token("teller")).as("no login in the period").isEqualTo(second);
        assertThat(logins.count()).isEqualTo(2);
    }

    @Test
    void aDueRenewalRunsInTheBackgroundWhileTheCurrentTokenIsHandedOut() throws Exception {
        var background = Executors.newSingleThreadExecutor();
        try {
            var tokens = new AuthServerTokens(logins, clock, background);
            var first = tokens.token("teller");
            clock.advance(Duration.ofMinutes(4));
            logins.hold();

            assertThat(tokens.token("teller")).as("while the renewal waits for auth-server").isEqualTo(first);
            assertThat(tokens.token("teller")).isEqualTo(first);
            logins.release();
            background.submit(() -> { }).get(); // the renewal has run

            assertThat(tokens.token("teller")).isNotEqualTo(first);
            assertThat(logins.count()).as("one renewal, however many asked meanwhile").isEqualTo(2);
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void keepsTheCurrentTokenWhileAuthServerIsDownAndAsksAgainOnlyAfterAPause() {
        var first = tokens.token("teller");
        logins.down.set(true);
        clock.advance(Duration.ofMinutes(4));

        assertThat(tokens.token("teller")).isEqualTo(first);
        assertThat(tokens.token("teller")).isEqualTo(first);
        assertThat(logins.failures.get()).as("not asked again at once").isEqualTo(1);

        clock.advance(AuthServerTokens.RETRY_AFTER);
        assertThat(tokens.token("teller")).isEqualTo(first);
        assertThat(logins.failures.get()).isEqualTo(2);

        logins.down.set(false);
        clock.advance(AuthServerTokens.RETRY_AFTER);
        tokens.token("teller");
        assertThat(tokens.token("teller")).as("renewed once auth-server is back").isNotEqualTo(first);
    }

    @Test
    void handsOutNoTokenThatIsAboutToExpire() {
        var first = tokens.token("teller");
        logins.down.set(true);

        clock.advance(LIFETIME.minus(AuthServerTokens.EXPIRY_MARGIN));

        assertThatThrownBy(() -> tokens.token("teller")).isInstanceOf(IllegalStateException.class)
                .hasMessage("no token for teller: auth-server is down");
        logins.down.set(false);
        assertThat(tokens.token("teller")).as("a login as soon as it answers again").isNotEqualTo(first);
    }

    @Test
    void manyThreadsAskingAtOnceForAUserWithoutATokenCauseOneLogin() throws Exception {
        logins.hold();
        var pool = Executors.newFixedThreadPool(16);
        try {
            var asked = new ArrayList<Future<String>>();
            for (int thread = 0; thread < 16; thread++) {
                asked.add(pool.submit(() -> tokens.token("teller")));
            }
            logins.awaitAsked();
            Thread.sleep(100); // the other threads are at the lock by now, or will find the token
            logins.release();

            var handedOut = new ArrayList<String>();
            for (var future : asked) {
                handedOut.add(future.get());
            }
            assertThat(handedOut).hasSize(16).containsOnly(handedOut.get(0));
            assertThat(logins.count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** auth-server as the cache sees it: each login a new token that lives 5 minutes; can be down, or slow. */
    private static final class Logins implements AuthServerTokens.Issuer {

        final List<String> asked = new CopyOnWriteArrayList<>();
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicInteger failures = new AtomicInteger();
        private final AtomicInteger issued = new AtomicInteger();
        private volatile CountDownLatch held = new CountDownLatch(0);
        private final CountDownLatch firstAsked = new CountDownLatch(1);

        @Override
        public AuthServerTokens.Issued issue(String user, String password) throws IOException, InterruptedException {
            firstAsked.countDown();
            held.await();
            if (down.get()) {
                failures.incrementAndGet();
                throw new IOException("auth-server is down");
            }
            asked.add(user + ":" + password);
            return new AuthServerTokens.Issued(user + "-token-" + issued.incrementAndGet(), LIFETIME);
        }

        int count() {
            return issued.get();
        }

        void hold() {
            held = new CountDownLatch(1);
        }

        void release() {
            held.countDown();
        }

        void awaitAsked() throws InterruptedException {
            firstAsked.await();
        }
    }
}
