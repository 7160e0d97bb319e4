package org.erlbank.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
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
        var summary = CascadeSummary.parse(realReport());

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

        CascadeSummary.parse(realReport()).print(new PrintStream(out, true, StandardCharsets.UTF_8));

        var printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("unprotected    account                                400      112       920"
                + "      5037      5047");
        assertThat(printed).contains("[met]    unprotected: plain account reads p99 5037 ms = 219.0 x baseline (23 ms)");
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
                new Row("4 protected · statement at account-service", 50, 1, 4, 9, 12)));

        assertThat(summary.verdicts()).containsExactly(
                "[MISSED] unprotected: plain account reads p99 150 ms = 7.5 x baseline (20 ms), 0 errors"
                        + " (the cascade: target >= 10 x or errors)",
                "[MISSED] protected:   plain account reads p99 31 ms = 1.55 x baseline, 0 errors (target <= 1.5 x, none)",
                "[MISSED] protected:   degraded statements at account-service, breaker open, p99 9 ms, 1 errors"
                        + " (target <= 10 ms)");
    }

    @Test
    void givesNoVerdictOnAnIncompleteRun() {
        var summary = new CascadeSummary(Map.of(
                "1 baseline · account", new Row("1 baseline · account", 100, 0, 5, 20, 30)));

        assertThat(summary.verdicts()).containsExactly("Incomplete report: a run is missing, no verdicts.");
    }

    @Test
    void refusesAPageWithoutStatistics() {
        assertThatThrownBy(() -> CascadeSummary.parse("<html><body>not a report</body></html>"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
