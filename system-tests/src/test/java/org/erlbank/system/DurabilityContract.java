package org.erlbank.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An answered write survives a crash: account-service is killed with SIGKILL in the middle of the bank workload, and
 * every acknowledged transfer is there, once, after the restart. {@link ErlbankLauncherIT} runs it on the shared
 * system's default H2 file databases, {@link PostgresDurabilityIT} on PostgreSQL.
 */
abstract class DurabilityContract {

    /** The running system under test; the workload makes a customer and accounts of its own. */
    protected final Erlbank erlbank;

    DurabilityContract(Erlbank erlbank) {
        this.erlbank = erlbank;
    }

    /**
     * The bank workload (8 clients through the gateway, retrying lost answers with the same Idempotency-Key) while
     * account-service is killed with SIGKILL and started again: every acknowledged transfer is on the books exactly
     * once, every read saw the same total, no balance went negative.
     */
    @Test
    void theBankKeepsItsBooksWhenAccountServiceIsKilledMidStream() throws Exception {
        var workload = erlbank.start("workload", "bank", "10", "8");
        // Mid-stream: once the workload has had transfers acknowledged, whatever the machine's speed.
        workload.awaitOutput(printed -> acknowledgedIn(printed) >= ACKNOWLEDGED_BEFORE_THE_KILL,
                Duration.ofSeconds(60));
        var kill = erlbank.run("kill", "account-service");
        var restarted = erlbank.run("up", "-d");
        var result = workload.await();

        assertThat(kill.exitCode()).as(kill.output()).isZero();
        assertThat(restarted.exitCode()).as(restarted.output()).isZero();
        System.out.println("[measured] " + getClass().getSimpleName()
                + ": bank workload across a SIGKILL of account-service: "
                + result.stdout().strip().lines().reduce((first, last) -> last).orElse(""));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.stdout()).contains("every invariant held").doesNotContain("VIOLATION");
        var retries = java.util.regex.Pattern.compile("(\\d+) retries with the same key").matcher(result.stdout())
                .results().map(match -> Long.parseLong(match.group(1))).findFirst().orElseThrow();
        assertThat(retries).as("the kill cost answers, which were asked again").isPositive();
    }

    private static final int ACKNOWLEDGED_BEFORE_THE_KILL = 20;

    /** The latest count of acknowledged transfers in the workload's progress lines ("  3 s: 41 transfers ..."). */
    static long acknowledgedIn(String printed) {
        return java.util.regex.Pattern.compile("(\\d+) transfers acknowledged,").matcher(printed).results()
                .mapToLong(match -> Long.parseLong(match.group(1))).reduce((first, last) -> last).orElse(0);
    }

}
