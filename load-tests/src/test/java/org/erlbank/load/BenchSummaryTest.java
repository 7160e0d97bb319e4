package org.erlbank.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.erlbank.load.GatlingReport.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The benchmark's summary, from a real report of {@code ./erlbank bench} (default settings). */
class BenchSummaryTest {

    private static final Map<String, Long> IDLE = new LinkedHashMap<>(Map.of("customer-service", 279_552L));
    private static final Map<String, Long> LOAD = new LinkedHashMap<>(Map.of("customer-service", 319_488L));

    @BeforeEach
    @AfterEach
    void defaultSettings() {
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("bench."))
                .forEach(System::clearProperty);
    }

    private static GatlingReport realReport() throws IOException {
        try (var in = BenchSummaryTest.class.getResourceAsStream("/gatling-3.15-bench-statistics.html")) {
            return GatlingReport.parse(new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static BenchSummary summary(GatlingReport report, double startup, Map<String, Long> idle) {
        return new BenchSummary(report, BenchSettings.fromSystemProperties(),
                new BenchSummary.Facts(startup, idle, LOAD, "a test machine"));
    }

    @Test
    void comparesTheGatewayWithTheServiceWithinTheRun() throws IOException {
        var summary = summary(realReport(), 14.8, IDLE);

        assertThat(summary.ratios()).contains(
                "The gateway adds +1 ms at p50 and +2 ms at p99 at 50/s (Gatling measures whole milliseconds).",
                "Throughput at saturation through the gateway: 0.44 x direct.",
                "customer-service +200 ms: a statement takes p50 213 ms = 42.6 x a plain account read (5 ms),"
                        + " p99 225 ms = 20.5 x (11 ms).",
                "Temporal coupling: customer-service 200 ms slower makes a statement 200 ms slower at p50: the"
                        + " caller waits for every millisecond of its dependency.");
    }

    @Test
    void judgesEachNumberAgainstItsTarget() throws IOException {
        var summary = summary(realReport(), 21.3, Map.of("a", 600_000L, "b", 500_000L));

        assertThat(summary.verdicts()).containsExactly(
                "[MISSED] gateway throughput at saturation 0.44 x direct (target >= 0.5 x)",
                "[met]    the gateway adds 1 ms at p50 at 50/s (target <= 1 ms)",
                "[MISSED] ./erlbank up -d to all healthy in 21.3 s (target <= 20 s)",
                "[MISSED] the whole system idle: 1074 MiB resident (target <= 1024 MiB)",
                "[met]    0 measured requests failed");
    }

    @Test
    void printsThroughputPerSecondOfTheMeasuredSlicesOnly() throws IOException {
        var out = new ByteArrayOutputStream();

        summary(realReport(), 14.8, IDLE).print(new PrintStream(out, true, StandardCharsets.UTF_8));

        var printed = out.toString(StandardCharsets.UTF_8);
        // 85782 requests in two slices of 10 s.
        assertThat(printed).contains("saturation, 16 users         direct account         85782       0       2"
                + "      22      86    4289.1");
        assertThat(printed).contains("customer-service            273          312", "start-up: ./erlbank up -d until every service"
                + " is healthy: 14.8 s", "a test machine");
        assertThat(printed).doesNotContain("warm-up", "gap", "control");
    }

    /** Gatling's total row sums every request, the warm-up's too: it is not a row of the report's requests. */
    @Test
    void theTotalIsNoRowOfItsOwn() throws IOException {
        var report = realReport();

        assertThat(report.rows()).doesNotContainKey(GatlingReport.TOTAL).containsKey("0 warm-up · statement");
        assertThat(report.rows().keySet()).allMatch(name -> name.contains(" · "));
    }

    @Test
    void countsFailuresOnlyWhereTheyAreMeasured() {
        var report = new GatlingReport(Map.of(
                "0 warm-up · statement", new Row("0 warm-up · statement", 100, 40, 5, 900, 5000),
                "control · customer-service fault", new Row("control · customer-service fault", 4, 1, 1, 2, 3),
                "1 moderate · direct account", new Row("1 moderate · direct account", 100, 0, 3, 9, 10),
                "1 moderate · gateway account", new Row("1 moderate · gateway account", 100, 2, 5, 12, 20)));
        var summary = summary(report, -1, Map.of());

        assertThat(summary.failedMeasured()).isEqualTo(2);
        assertThat(summary.failedInWarmUp()).isEqualTo(40);
        assertThat(summary.verdicts()).containsExactly(
                "[MISSED] no saturation run in the report",
                "[MISSED] the gateway adds 2 ms at p50 at 50/s (target <= 1 ms), but 2 of its requests failed",
                "[MISSED] 2 measured requests failed");
    }

    /** Numbers from a run whose requests failed (the system was restarted under it, say) meet no target. */
    @Test
    void aRunWithFailuresMeetsNoTarget() {
        var report = new GatlingReport(Map.of(
                "1 moderate · direct account", new Row("1 moderate · direct account", 1500, 648, 8111, 10003, 10027),
                "1 moderate · gateway account", new Row("1 moderate · gateway account", 1500, 718, 7350, 10039, 10154),
                "2 saturation · direct account", new Row("2 saturation · direct account", 85783, 35406, 1, 36, 263),
                "2 saturation · gateway account",
                new Row("2 saturation · gateway account", 701553, 686316, 0, 9, 90)));

        assertThat(summary(report, -1, Map.of()).verdicts()).containsExactly(
                "[MISSED] gateway throughput at saturation 8.18 x direct (target >= 0.5 x), but 721722 of its"
                        + " requests failed",
                "[MISSED] the gateway adds -761 ms at p50 at 50/s (target <= 1 ms), but 1366 of its requests failed",
                "[MISSED] 723088 measured requests failed");
    }

    /** With nginx in front of account-service as well: its row, and its ratio beside the gateway's. */
    @Test
    void setsTheGatewayBesideAPlainProxy() {
        System.setProperty("bench.reference-proxy", "http://127.0.0.1:8088");
        var report = new GatlingReport(Map.of(
                "2 saturation · direct account", new Row("2 saturation · direct account", 50_000, 0, 3, 30, 90),
                "2 saturation · gateway account", new Row("2 saturation · gateway account", 20_000, 0, 8, 50, 120),
                "2 saturation · nginx account", new Row("2 saturation · nginx account", 36_000, 0, 4, 31, 95)));
        var summary = summary(report, -1, Map.of());
        var out = new ByteArrayOutputStream();

        summary.print(new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(summary.ratios()).containsExactly("Throughput at saturation through the gateway: 0.40 x direct.",
                "Through nginx, a plain proxy (the same forwarded headers; no token check, no tracing, no request log):"
                        + " 0.72 x direct, what proxying alone costs on this machine.");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                "saturation, 16 users         nginx account          36000       0       4      31      95      1800");
        assertThat(summary.verdicts()).first().isEqualTo(
                "[MISSED] gateway throughput at saturation 0.40 x direct (target >= 0.5 x)");
    }

    @Test
    void givesTheReferenceProxyItsOwnSlices() {
        var without = BenchSettings.fromSystemProperties();
        System.setProperty("bench.reference-proxy", "http://127.0.0.1:8088");
        var with = BenchSettings.fromSystemProperties();

        assertThat(without.referenceProxy()).isEmpty();
        assertThat(without.saturationLength()).hasSeconds(60);
        assertThat(with.referenceProxy()).contains("http://127.0.0.1:8088");
        assertThat(with.saturationLength()).hasSeconds(90);
        assertThat(with.total()).isEqualTo(without.total().plusSeconds(30));
        assertThat(with.toString()).contains("with the reference proxy http://127.0.0.1:8088");
    }

    @Test
    void readsTheLaunchersMemoryNotation() {
        assertThat(BenchSummary.kilobytes("customer-service=1024, gateway=2048"))
                .containsExactly(Map.entry("customer-service", 1024L), Map.entry("gateway", 2048L));
        assertThat(BenchSummary.kilobytes("")).isEmpty();
    }
}
