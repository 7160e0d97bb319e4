package org.erlbank.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.erlbank.load.GatlingReport.Row;

/**
 * Prints what a benchmark measured: from its Gatling report (latencies, throughput), and from what
 * {@code ./erlbank bench} measured around it (start-up time, resident memory), a table, the ratios that compare
 * the set-ups, the machine it ran on, and each number against its target. Writes the same text beside the report.
 *
 * <p>System properties: {@code bench.startup-seconds}; {@code bench.rss-idle} and {@code bench.rss-load}
 * ({@code service=kilobytes,...}); {@code bench.jvm-options} (the services'); and the {@code bench.*} settings of
 * the run ({@link BenchSettings}), for the rates and durations.
 */
public final class BenchSummary {

    static final double MIN_THROUGHPUT_RATIO = 0.5;
    static final long MAX_ADDED_P50_MILLIS = 1;
    static final double MAX_STARTUP_SECONDS = 20;
    static final long MAX_IDLE_RSS_KB = 1024 * 1024;

    private final GatlingReport report;
    private final BenchSettings settings;
    private final Facts facts;

    /**
     * What was measured outside Gatling.
     *
     * @param startupSeconds {@code ./erlbank up -d} until every service was healthy; negative when not measured
     * @param rssIdle        resident memory per service before the load, in KB
     * @param rssLoad        the most resident memory per service seen during the load, in KB
     * @param machine        what the numbers were measured on
     */
    record Facts(double startupSeconds, Map<String, Long> rssIdle, Map<String, Long> rssLoad, String machine) {
    }

    BenchSummary(GatlingReport report, BenchSettings settings, Facts facts) {
        this.report = report;
        this.settings = settings;
        this.facts = facts;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BenchSummary <Gatling report folder>");
            System.exit(2);
        }
        var folder = Path.of(args[0]);
        var facts = new Facts(Double.parseDouble(System.getProperty("bench.startup-seconds", "-1")),
                kilobytes(System.getProperty("bench.rss-idle", "")), kilobytes(System.getProperty("bench.rss-load", "")),
                machine(System.getProperty("bench.jvm-options", "")));
        var summary = new BenchSummary(GatlingReport.of(folder), BenchSettings.fromSystemProperties(), facts);
        var text = new java.io.ByteArrayOutputStream();
        summary.print(new PrintStream(text, true, StandardCharsets.UTF_8));
        System.out.print(text.toString(StandardCharsets.UTF_8));
        Files.writeString(folder.resolve("bench-summary.txt"), text.toString(StandardCharsets.UTF_8));
    }

    void print(PrintStream out) {
        out.println();
        out.println("Erlbank benchmark: " + facts.machine());
        out.println();
        out.printf("%-28s %-18s %9s %7s %7s %7s %7s %9s%n", "run", "endpoint", "requests", "errors", "p50 ms",
                "p99 ms", "max ms", "per s");
        var moderate = "moderate, %s/s each".formatted(number(settings.moderateRate()));
        line(out, moderate, BenchSimulation.MODERATE, BenchSimulation.DIRECT_ACCOUNT, Optional.empty());
        line(out, moderate, BenchSimulation.MODERATE, BenchSimulation.GATEWAY_ACCOUNT, Optional.empty());
        var saturation = "saturation, %d users".formatted(settings.saturationUsers());
        var seconds = settings.saturationSlice().toMillis() * 2 / 1000.0;
        line(out, saturation, BenchSimulation.SATURATION, BenchSimulation.DIRECT_ACCOUNT, Optional.of(seconds));
        line(out, saturation, BenchSimulation.SATURATION, BenchSimulation.GATEWAY_ACCOUNT, Optional.of(seconds));
        line(out, saturation, BenchSimulation.SATURATION, BenchSimulation.PROXY_ACCOUNT, Optional.of(seconds));
        for (var delay : settings.customerServiceDelays()) {
            var run = "customer-service +%d ms".formatted(delay);
            line(out, run, BenchSimulation.coupling(delay), BenchSimulation.STATEMENT, Optional.empty());
            line(out, run, BenchSimulation.coupling(delay), BenchSimulation.ACCOUNT, Optional.empty());
        }
        if (failedInWarmUp() > 0) {
            out.printf("(%d requests of the warm-up failed: cold JVMs; not counted)%n", failedInWarmUp());
        }
        out.println();
        ratios().forEach(out::println);
        out.println();
        out.printf("%-18s %12s %12s%n", "resident memory", "idle MiB", "load MiB");
        for (var service : facts.rssIdle().keySet()) {
            out.printf("%-18s %12d %12d%n", service, facts.rssIdle().get(service) / 1024,
                    facts.rssLoad().getOrDefault(service, 0L) / 1024);
        }
        out.printf("%-18s %12d %12d%n", "total", total(facts.rssIdle()) / 1024, total(facts.rssLoad()) / 1024);
        if (facts.startupSeconds() >= 0) {
            out.printf("%nstart-up: ./erlbank up -d until every service is healthy: %.1f s%n", facts.startupSeconds());
        }
        out.println();
        verdicts().forEach(out::println);
    }

    private void line(PrintStream out, String run, String name, String endpoint, Optional<Double> seconds) {
        report.row(name + endpoint).ifPresent(row -> out.printf("%-28s %-18s %9d %7d %7d %7d %7d %9s%n", run,
                endpoint.substring(3), row.requests(), row.errors(), row.p50(), row.p99(), row.max(),
                seconds.map(s -> number(row.requests() / s)).orElse("")));
    }

    /** The comparisons the benchmark exists for, as ratios and differences within this one run. */
    List<String> ratios() {
        var lines = new ArrayList<String>();
        addedByTheGateway().ifPresent(added -> lines.add(String.format(Locale.ROOT,
                "The gateway adds %+d ms at p50 and %+d ms at p99 at %s/s (Gatling measures whole milliseconds).",
                added[0], added[1], number(settings.moderateRate()))));
        throughputRatio().ifPresent(ratio -> lines.add(String.format(Locale.ROOT,
                "Throughput at saturation through the gateway: %.2f x direct.", ratio)));
        throughputRatio(BenchSimulation.PROXY_ACCOUNT).ifPresent(ratio -> lines.add(String.format(Locale.ROOT,
                "Through nginx, a plain proxy (the same forwarded headers; no token check, no tracing, no request log):"
                        + " %.2f x direct, what proxying alone costs on this machine.", ratio)));
        var delays = settings.customerServiceDelays();
        for (var delay : delays) {
            var statement = report.row(BenchSimulation.coupling(delay) + BenchSimulation.STATEMENT);
            var account = report.row(BenchSimulation.coupling(delay) + BenchSimulation.ACCOUNT);
            if (statement.isPresent() && account.isPresent()) {
                lines.add(String.format(Locale.ROOT,
                        "customer-service +%d ms: a statement takes p50 %d ms = %.1f x a plain account read (%d ms),"
                                + " p99 %d ms = %.1f x (%d ms).", delay, statement.get().p50(),
                        ratio(statement.get().p50(), account.get().p50()), account.get().p50(), statement.get().p99(),
                        ratio(statement.get().p99(), account.get().p99()), account.get().p99()));
            }
        }
        var first = report.row(BenchSimulation.coupling(delays.get(0)) + BenchSimulation.STATEMENT);
        var last = report.row(BenchSimulation.coupling(delays.get(delays.size() - 1)) + BenchSimulation.STATEMENT);
        if (first.isPresent() && last.isPresent() && delays.size() > 1) {
            lines.add(String.format(Locale.ROOT,
                    "Temporal coupling: customer-service %d ms slower makes a statement %d ms slower at p50: the"
                            + " caller waits for every millisecond of its dependency.",
                    delays.get(delays.size() - 1) - delays.get(0), last.get().p50() - first.get().p50()));
        }
        return lines;
    }

    /** Each number against its target; a number from a run with failed requests meets no target. */
    List<String> verdicts() {
        var lines = new ArrayList<String>();
        var saturationFailed = failed(BenchSimulation.SATURATION);
        throughputRatio().ifPresentOrElse(ratio -> lines.add(verdict(ratio >= MIN_THROUGHPUT_RATIO
                && saturationFailed == 0, String.format(Locale.ROOT,
                        "gateway throughput at saturation %.2f x direct (target >= %.1f x)%s", ratio,
                        MIN_THROUGHPUT_RATIO, failures(saturationFailed)))),
                () -> lines.add("[MISSED] no saturation run in the report"));
        var moderateFailed = failed(BenchSimulation.MODERATE);
        addedByTheGateway().ifPresentOrElse(added -> lines.add(verdict(added[0] <= MAX_ADDED_P50_MILLIS
                && moderateFailed == 0, String.format(Locale.ROOT,
                        "the gateway adds %d ms at p50 at %s/s (target <= %d ms)%s", added[0],
                        number(settings.moderateRate()), MAX_ADDED_P50_MILLIS, failures(moderateFailed)))),
                () -> lines.add("[MISSED] no moderate run in the report"));
        if (facts.startupSeconds() >= 0) {
            lines.add(verdict(facts.startupSeconds() <= MAX_STARTUP_SECONDS, String.format(Locale.ROOT,
                    "./erlbank up -d to all healthy in %.1f s (target <= %.0f s)", facts.startupSeconds(),
                    MAX_STARTUP_SECONDS)));
        }
        if (!facts.rssIdle().isEmpty()) {
            lines.add(verdict(total(facts.rssIdle()) <= MAX_IDLE_RSS_KB, String.format(Locale.ROOT,
                    "the whole system idle: %d MiB resident (target <= 1024 MiB)", total(facts.rssIdle()) / 1024)));
        }
        lines.add(verdict(failedMeasured() == 0, failedMeasured() + " measured requests failed"));
        return lines;
    }

    private long failed(String run) {
        return report.rows().values().stream().filter(row -> row.name().startsWith(run + " "))
                .mapToLong(Row::errors).sum();
    }

    private static String failures(long failed) {
        return failed == 0 ? "" : ", but " + failed + " of its requests failed";
    }

    /** Failures in the runs that count (the warm-up's, of cold JVMs, are reported apart). */
    long failedMeasured() {
        return report.rows().values().stream().filter(row -> !row.name().startsWith(BenchSimulation.WARM_UP)
                && !row.name().startsWith("control")).mapToLong(Row::errors).sum();
    }

    long failedInWarmUp() {
        return report.rows().values().stream().filter(row -> row.name().startsWith(BenchSimulation.WARM_UP))
                .mapToLong(Row::errors).sum();
    }

    private Optional<long[]> addedByTheGateway() {
        var direct = report.row(BenchSimulation.MODERATE + BenchSimulation.DIRECT_ACCOUNT);
        var gateway = report.row(BenchSimulation.MODERATE + BenchSimulation.GATEWAY_ACCOUNT);
        return direct.isEmpty() || gateway.isEmpty() ? Optional.empty() : Optional.of(new long[] {
                gateway.get().p50() - direct.get().p50(), gateway.get().p99() - direct.get().p99() });
    }

    private Optional<Double> throughputRatio() {
        return throughputRatio(BenchSimulation.GATEWAY_ACCOUNT);
    }

    /** Requests answered at saturation through a proxy (the gateway, the reference) against directly. */
    private Optional<Double> throughputRatio(String proxied) {
        var direct = report.row(BenchSimulation.SATURATION + BenchSimulation.DIRECT_ACCOUNT);
        var through = report.row(BenchSimulation.SATURATION + proxied);
        return direct.isEmpty() || through.isEmpty() || direct.get().requests() == 0 ? Optional.empty()
                : Optional.of((double) through.get().requests() / direct.get().requests());
    }

    private static double ratio(long value, long base) {
        return (double) value / Math.max(1, base);
    }

    private static String verdict(boolean met, String text) {
        return (met ? "[met]    " : "[MISSED] ") + text;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static long total(Map<String, Long> kilobytes) {
        return kilobytes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@code customer-service=123456,gateway=234567} (as the launcher writes it) to a map, in that order. */
    static Map<String, Long> kilobytes(String text) {
        var map = new LinkedHashMap<String, Long>();
        for (var entry : text.split(",")) {
            var parts = entry.strip().split("=");
            if (parts.length == 2) {
                map.put(parts[0].strip(), Long.parseLong(parts[1].strip()));
            }
        }
        return map;
    }

    /** Cores, memory, CPU, operating system and JDK of this machine (the launcher runs this on the services' JDK). */
    static String machine(String jvmOptions) {
        var runtime = Runtime.getRuntime();
        var cpu = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElse("");
        } catch (IOException | RuntimeException notLinux) {
            // leave it out
        }
        long memory = 0;
        try {
            memory = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getTotalMemorySize();
        } catch (RuntimeException | LinkageError notHotSpot) {
            // leave it out
        }
        return String.format(Locale.ROOT, "%s; %d cores%s, %.1f GiB; %s %s; Java %s (%s); services' JVM options: %s",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), runtime.availableProcessors(),
                cpu.isEmpty() ? "" : " (" + cpu + ")", memory / (1024.0 * 1024 * 1024), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"),
                System.getProperty("java.vm.vendor"), jvmOptions.isBlank() ? "(none)" : jvmOptions);
    }
}
