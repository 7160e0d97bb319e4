package org.erlbank.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.erlbank.load.GatlingReport.Row;
import org.junit.jupiter.api.Test;

class CascadeSummaryTest {

    private static String realReport() throws IOException {
        try (var in = CascadeSummaryTest.class.getResourceAsStream("/gatling-3.15-statistics.html")) {
            return new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsGatlingsOwnNumbersPerPhaseAndEndpoint() throws IOException {
        var summary = CascadeSummary.parse(realReport(), Optional.empty());

        assertThat(summary.row("1 baseline", " · account"))
                .contains(new Row("1 baseline · account", 200, 0, 9, 23, 44));
        assertThat(summary.row("2 unprotected", " · account"))
                .contains(new Row("2 unprotected · account", 400, 112, 920, 5037, 5047));
        assertThat(summary.row("4 protected", " · statement at account-service"))
                .contains(new Row("4 protected · statement at account-service", 149, 0, 5, 10, 2102));
    }

    @Test
    void printsATableAndJudgesTheThreeClaims() throws IOException {
        var out = new ByteArrayOutputStream();

        CascadeSummary.parse(realReport(), Optional.empty()).print(new PrintStream(out, true, StandardCharsets.UTF_8));

        var printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("unprotected          account                                400      112       920"
                + "      5037      5047");
        assertThat(printed).contains("[met]    unprotected: plain account reads p99 5037 ms = 219.0 x baseline (23 ms), +5014 ms, 112 errors"
                + " (the cascade: target >= +1000 ms or errors)");
        assertThat(printed).contains("[met]    protected:   plain account reads p99 24 ms = 1.04 x baseline");
        assertThat(printed).contains("[met]    protected:   degraded statements at account-service, breaker open, p99 10 ms");
        assertThat(printed).doesNotContain("warm-up", "recovery", "control");
    }

    @Test
    void saysSoWhenAClaimIsMissed() {
        var summary = new CascadeSummary(Map.of(
                "1 baseline · account", new Row("1 baseline · account", 100, 0, 5, 20, 30),
                "2 unprotected · account", new Row("2 unprotected · account", 100, 0, 10, 150, 200),
                "4 protected · account", new Row("4 protected · account", 100, 0, 8, 31, 40),
                "4 protected · statement at account-service",
                new Row("4 protected · statement at account-service", 50, 1, 4, 9, 12)), Optional.empty());

        assertThat(summary.verdicts()).startsWith(
                "[MISSED] unprotected: plain account reads p99 150 ms = 7.5 x baseline (20 ms), +130 ms, 0 errors"
                        + " (the cascade: target >= +1000 ms or errors)",
                "[MISSED] protected:   plain account reads p99 31 ms = 1.55 x baseline, 0 errors (target <= 1.5 x, none)",
                "[MISSED] protected:   degraded statements at account-service, breaker open, p99 9 ms, 1 errors"
                        + " (target <= 10 ms)");
    }

    /** Numbers from a CI run: two slow requests of a short baseline's 121 made its p99 461 ms, not 30. */
    @Test
    void aBaselineSlowedByNoiseDoesNotHideACascadeOfSeconds() {
        var summary = new CascadeSummary(Map.of(
                "1 baseline · account", new Row("1 baseline · account", 121, 0, 31, 461, 477),
                "2 unprotected · account", new Row("2 unprotected · account", 280, 0, 25, 3382, 3566),
                "4 protected · account", new Row("4 protected · account", 200, 0, 20, 45, 60),
                "4 protected · statement at account-service",
                new Row("4 protected · statement at account-service", 50, 0, 4, 9, 12)), Optional.empty());

        assertThat(summary.verdicts()).startsWith(
                "[met]    unprotected: plain account reads p99 3382 ms = 7.3 x baseline (461 ms), +2921 ms, 0 errors"
                        + " (the cascade: target >= +1000 ms or errors)");
    }

    @Test
    void givesNoVerdictOnAnIncompleteRun() {
        var summary = new CascadeSummary(Map.of(
                "1 baseline · account", new Row("1 baseline · account", 100, 0, 5, 20, 30)), Optional.empty());

        assertThat(summary.verdicts()).containsExactly("Incomplete report: a run is missing, no verdicts.",
                "Incomplete report: the replica's run or its replication lag is missing, no verdicts on it.");
    }

    @Test
    void judgesTheReplicaByItsStatementsAndNamesItsPriceTheLag() {
        var summary = new CascadeSummary(Map.of(
                "1 baseline · statement", new Row("1 baseline · statement", 100, 0, 9, 40, 50),
                "6 replica · statement", new Row("6 replica · statement", 100, 0, 6, 22, 31)),
                Optional.of(new ReplicationLag(List.of(900L, 120L, 480L, 610L), 0)));

        assertThat(summary.verdicts()).endsWith(
                "[met]    replica:     statements, complete, p99 22 ms = 0.55 x baseline statements (40 ms), 0 errors"
                        + " (incomplete ones included; target <= 1.5 x, none)",
                "[met]    replica:     its price, the replication lag: a rename reached a statement in p50 480 ms,"
                        + " p99 900 ms (4 renames, 0 never arrived; target: every one arrives)");
    }

    @Test
    void anIncompleteStatementOrALostRenameMissesTheReplicasClaims() {
        var summary = new CascadeSummary(Map.of(
                "1 baseline · statement", new Row("1 baseline · statement", 100, 0, 9, 40, 50),
                "6 replica · statement", new Row("6 replica · statement", 100, 3, 6, 22, 31)),
                Optional.of(new ReplicationLag(List.of(700L), 1)));

        assertThat(summary.verdicts()).endsWith(
                "[MISSED] replica:     statements, complete, p99 22 ms = 0.55 x baseline statements (40 ms), 3 errors"
                        + " (incomplete ones included; target <= 1.5 x, none)",
                "[MISSED] replica:     its price, the replication lag: a rename reached a statement in p50 700 ms,"
                        + " p99 700 ms (2 renames, 1 never arrived; target: every one arrives)");
    }

    @Test
    void printsTheReplicasRowAndItsLag() {
        var out = new ByteArrayOutputStream();
        new CascadeSummary(Map.of("6 replica · statement", new Row("6 replica · statement", 600, 0, 6, 22, 31)),
                Optional.of(new ReplicationLag(List.of(300L, 500L), 0)))
                .print(new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                "replica              statement                              600        0         6        22        31",
                "Replication lag, a rename until a statement shows it: 2 renames: p50 300 ms, p99 500 ms,"
                        + " max 500 ms; 0 never arrived");
    }

    @Test
    void printsTheAuthServerHangsRowAndWhatItsStatementsMet() {
        var out = new ByteArrayOutputStream();
        new CascadeSummary(Map.of("8 auth-server hanging · statement",
                new Row("8 auth-server hanging · statement", 600, 0, 4, 2118, 4166)), Optional.empty(),
                Optional.of(new AuthServerHang(600, 588, 31)))
                .print(new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                "auth-server hanging  statement                              600        0         4      2118      4166",
                "While auth-server hung: 600 statements answered, 588 of them degraded; 31 waited longer than"
                        + " 1000 ms");
    }

    /** Answered, every one, and none held much longer than the token request's 2 s timeout. */
    @Test
    void judgesTheAuthServerHangByItsStatementsErrorsAndP99() {
        var met = new CascadeSummary(Map.of("8 auth-server hanging · statement",
                new Row("8 auth-server hanging · statement", 600, 0, 4, 2118, 4166)), Optional.empty(),
                Optional.of(new AuthServerHang(600, 588, 31)));
        var slow = new CascadeSummary(Map.of("8 auth-server hanging · statement",
                new Row("8 auth-server hanging · statement", 160, 0, 4, 4120, 4166)), Optional.empty(),
                Optional.of(new AuthServerHang(160, 150, 29)));
        var failed = new CascadeSummary(Map.of("8 auth-server hanging · statement",
                new Row("8 auth-server hanging · statement", 160, 2, 4, 30, 5002)), Optional.empty());

        assertThat(met.verdicts()).last().isEqualTo("[met]    auth-server: hanging, statements p99 2118 ms, max 4166"
                + " ms, 0 errors of 600, 588 degraded, 31 waited > 1000 ms (target: none failed, p99 < 2500 ms)");
        assertThat(slow.verdicts()).last().asString().startsWith("[MISSED] auth-server: hanging, statements p99 4120 ms");
        assertThat(failed.verdicts()).last().isEqualTo("[MISSED] auth-server: hanging, statements p99 30 ms, max"
                + " 5002 ms, 2 errors of 160 (target: none failed, p99 < 2500 ms)");
    }

    /**
     * Once the breaker opened in the protected run, no statement waited (no user's call was a trial), and it closed
     * within seconds of customer-service's recovery; the auth-server run's watch is printed, not judged.
     */
    @Test
    void judgesWhatTheBreakerCostUsersAfterItOpened() {
        var rows = Map.of("4 protected · statement", new Row("4 protected · statement", 600, 0, 5, 2100, 2200));
        var hang = new BreakerWatch("8 auth-server hanging", 150, 0, 1200);
        var met = new CascadeSummary(rows, Optional.empty(), Optional.empty(),
                List.of(new BreakerWatch("4 protected", 580, 0, 1100), hang));
        var trials = new CascadeSummary(rows, Optional.empty(), Optional.empty(),
                List.of(new BreakerWatch("4 protected", 580, 9, 900)));
        var late = new CascadeSummary(rows, Optional.empty(), Optional.empty(),
                List.of(new BreakerWatch("4 protected", 580, 0, 10_400)));
        var neverClosed = new CascadeSummary(rows, Optional.empty(), Optional.empty(),
                List.of(new BreakerWatch("4 protected", 580, 0, -1)));

        assertThat(met.verdicts()).contains("[met]    protected:   after the breaker first opened, 0 of 580 statements"
                + " waited > 1000 ms; it closed 1100 ms after customer-service recovered (target: none, within 3000 ms)");
        assertThat(trials.verdicts()).anySatisfy(line -> assertThat(line).startsWith(
                "[MISSED] protected:   after the breaker first opened, 9 of 580 statements waited > 1000 ms"));
        assertThat(late.verdicts()).anySatisfy(line -> assertThat(line).startsWith("[MISSED]").contains("10400 ms"));
        assertThat(neverClosed.verdicts()).anySatisfy(line -> assertThat(line).startsWith("[MISSED]")
                .contains("it closed not after"));
        var out = new ByteArrayOutputStream();
        met.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Circuit breaker, protected: after the breaker first"
                + " opened, 0 of 580 statements waited longer than 1000 ms; it closed 1100 ms after the dependency"
                + " recovered", "Circuit breaker, auth-server hanging: after the breaker first opened, 0 of 150");
        assertThat(new CascadeSummary(rows, Optional.empty()).verdicts()).noneMatch(line -> line.contains("first opened"));
    }

    @Test
    void readsBackTheBreakerWatchItWrote(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder)
            throws IOException {
        var watched = List.of(new BreakerWatch("4 protected", 580, 1, 1100),
                new BreakerWatch("8 auth-server hanging", 0, 0, -2));
        var file = folder.resolve(BreakerWatch.FILE);

        BreakerWatch.write(file, watched);

        assertThat(BreakerWatch.read(file)).isEqualTo(watched);
        assertThat(watched.get(1)).hasToString("auth-server hanging: after the breaker first opened, 0 of 0 statements"
                + " waited longer than 1000 ms; the breaker never opened");
    }

    @Test
    void givesNoAuthServerVerdictWithoutItsRun() throws IOException {
        assertThat(CascadeSummary.parse(realReport(), Optional.empty()).verdicts())
                .noneMatch(line -> line.contains("auth-server"));
    }

    @Test
    void readsBackTheCountsItWrote(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) throws IOException {
        var file = folder.resolve(CascadeSummary.HANG_FILE);

        new AuthServerHang(160, 151, 23).write(file);

        assertThat(AuthServerHang.read(file)).isEqualTo(new AuthServerHang(160, 151, 23));
    }

    @Test
    void refusesAPageWithoutStatistics() {
        assertThatThrownBy(() -> CascadeSummary.parse("<html><body>not a report</body></html>", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
