package org.erlbank.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.erlbank.load.GatlingReport.Row;

/**
 * Prints what a cascade demo showed, from its Gatling report: a table per phase and endpoint (requests, errors,
 * p50, p99, max), and the numbers the demo exists for, each against its target: what the cascade costs unprotected,
 * what protection keeps of it, what the replica keeps of it, and what the replica costs (its replication lag, from
 * {@code replication-lag.txt} beside the report, see {@link ReplicationLag}), and what a hanging auth-server costs
 * a statement (with the degraded and slow ones counted in {@code auth-server-hang.txt}, see {@link AuthServerHang}).
 *
 * <p>The latencies are Gatling's own ({@link GatlingReport}), so the console and the report never disagree.
 */
public final class CascadeSummary {

    static final String BASELINE = CascadeSimulation.Phase.BASELINE;
    static final String UNPROTECTED = CascadeSimulation.Phase.UNPROTECTED;
    static final String PROTECTED = CascadeSimulation.Phase.PROTECTED;
    static final String REPLICA = CascadeSimulation.Phase.REPLICA;
    static final String AUTH_SERVER_HANG = CascadeSimulation.Phase.AUTH_SERVER_HANG;
    static final String LAG_FILE = "replication-lag.txt";
    static final String HANG_FILE = "auth-server-hang.txt";
    /**
     * A statement's bound while auth-server hangs: its token request is cut off after its read timeout (2 s), then
     * the breaker answers at once; half a second for the rest.
     */
    static final long HANG_P99_TARGET_MILLIS = 2_500;
    /**
     * The cascade: plain reads, which need nothing from customer-service, wait at least a second longer (p99) than in
     * the baseline, because the hanging statements hold the threads they need; or they fail.
     */
    static final long CASCADE_MARGIN_MILLIS = 1_000;
    /** Within a few seconds of customer-service's recovery, the breaker lets the calls through again. */
    static final long BREAKER_CLOSES_MILLIS = 3_000;
    static final String ACCOUNT = " · account";
    static final String STATEMENT = " · statement";
    static final String PROBE = " · statement at account-service";

    private final Map<String, Row> rows;
    private final Optional<ReplicationLag> lag;
    private final Optional<AuthServerHang> hang;
    private final List<BreakerWatch> breaker;

    CascadeSummary(Map<String, Row> rows, Optional<ReplicationLag> lag) {
        this(rows, lag, Optional.empty(), List.of());
    }

    CascadeSummary(Map<String, Row> rows, Optional<ReplicationLag> lag, Optional<AuthServerHang> hang) {
        this(rows, lag, hang, List.of());
    }

    CascadeSummary(Map<String, Row> rows, Optional<ReplicationLag> lag, Optional<AuthServerHang> hang,
            List<BreakerWatch> breaker) {
        this.rows = rows;
        this.lag = lag;
        this.hang = hang;
        this.breaker = breaker;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CascadeSummary <Gatling report folder>");
            System.exit(2);
        }
        var folder = Path.of(args[0]);
        var lagFile = folder.resolve(LAG_FILE);
        var hangFile = folder.resolve(HANG_FILE);
        var breakerFile = folder.resolve(BreakerWatch.FILE);
        var summary = new CascadeSummary(GatlingReport.of(folder).rows(),
                Files.exists(lagFile) ? Optional.of(ReplicationLag.read(lagFile)) : Optional.empty(),
                Files.exists(hangFile) ? Optional.of(AuthServerHang.read(hangFile)) : Optional.empty(),
                Files.exists(breakerFile) ? BreakerWatch.read(breakerFile) : List.of());
        summary.print(System.out);
    }

    static CascadeSummary parse(String indexHtml, Optional<ReplicationLag> lag) {
        return new CascadeSummary(GatlingReport.parse(indexHtml).rows(), lag);
    }

    Optional<Row> row(String phase, String endpoint) {
        return Optional.ofNullable(rows.get(phase + endpoint));
    }

    void print(PrintStream out) {
        out.println();
        out.printf("%-20s %-32s %9s %8s %9s %9s %9s%n", "run", "endpoint", "requests", "errors", "p50 ms",
                "p99 ms", "max ms");
        for (var phase : CascadeSimulation.Phase.reported()) {
            for (var endpoint : new String[] { ACCOUNT, STATEMENT, PROBE }) {
                row(phase, endpoint).ifPresent(row -> out.printf("%-20s %-32s %9d %8d %9d %9d %9d%n",
                        phase.substring(2), endpoint.substring(3), row.requests(), row.errors(), row.p50(),
                        row.p99(), row.max()));
            }
        }
        lag.ifPresent(measured -> out.printf("%nReplication lag, a rename until a statement shows it: %s%n", measured));
        hang.ifPresent(counts -> out.printf("While auth-server hung: %s%n", counts));
        breaker.forEach(watch -> out.printf("Circuit breaker, %s%n", watch));
        out.println();
        verdicts().forEach(out::println);
    }

    /** The demo's claims, each with its number and its target. */
    List<String> verdicts() {
        var lines = protectionVerdicts();
        breakerVerdict().ifPresent(lines::add);
        lines.addAll(replicaVerdicts());
        authServerHangVerdict().ifPresent(lines::add);
        return lines;
    }

    private List<String> protectionVerdicts() {
        var lines = new ArrayList<String>();
        var baseline = row(BASELINE, ACCOUNT);
        var unprotected = row(UNPROTECTED, ACCOUNT);
        var protectedRun = row(PROTECTED, ACCOUNT);
        var probe = row(PROTECTED, PROBE);
        if (baseline.isEmpty() || unprotected.isEmpty() || protectedRun.isEmpty() || probe.isEmpty()) {
            lines.add("Incomplete report: a run is missing, no verdicts.");
            return lines;
        }
        long base = Math.max(1, baseline.get().p99());
        double unprotectedRatio = (double) unprotected.get().p99() / base;
        double protectedRatio = (double) protectedRun.get().p99() / base;
        // The cascade is measured in seconds, a baseline's p99 on two busy cores in tens to hundreds of milliseconds
        // (one GC pause in a short run moves it tenfold): so a margin in time, not a ratio, tells them apart.
        long above = unprotected.get().p99() - baseline.get().p99();
        lines.add(verdict(above >= CASCADE_MARGIN_MILLIS || unprotected.get().errors() > 0, String.format(Locale.ROOT,
                "unprotected: plain account reads p99 %d ms = %.1f x baseline (%d ms), %+d ms, %d errors"
                        + " (the cascade: target >= +%d ms or errors)",
                unprotected.get().p99(), unprotectedRatio, base, above, unprotected.get().errors(),
                CASCADE_MARGIN_MILLIS)));
        lines.add(verdict(protectedRatio <= 1.5 && protectedRun.get().errors() == 0, String.format(Locale.ROOT,
                "protected:   plain account reads p99 %d ms = %.2f x baseline, %d errors (target <= 1.5 x, none)",
                protectedRun.get().p99(), protectedRatio, protectedRun.get().errors())));
        lines.add(verdict(probe.get().p99() <= 10 && probe.get().errors() == 0, String.format(Locale.ROOT,
                "protected:   degraded statements at account-service, breaker open, p99 %d ms, %d errors"
                        + " (target <= 10 ms)",
                probe.get().p99(), probe.get().errors())));
        return lines;
    }

    /**
     * Once the breaker has opened in the protected run, no statement waits for the hanging customer-service (no
     * user's call is a trial of whether it recovered), and the breaker closes within seconds of its recovery. No
     * verdict without the watch (a report from before it).
     */
    private Optional<String> breakerVerdict() {
        return breaker.stream().filter(watch -> watch.run().equals(PROTECTED)).findFirst().map(watch -> verdict(
                watch.afterOpen() > 0 && watch.slow() == 0 && watch.closedMillis() >= 0
                        && watch.closedMillis() <= BREAKER_CLOSES_MILLIS,
                String.format(Locale.ROOT, "protected:   after the breaker first opened, %d of %d statements waited"
                        + " > %d ms; it closed %s after customer-service recovered (target: none, within %d ms)",
                        watch.slow(), watch.afterOpen(), BreakerWatch.SLOW_MILLIS,
                        watch.closedMillis() >= 0 ? watch.closedMillis() + " ms" : "not",
                        BREAKER_CLOSES_MILLIS)));
    }

    /** With the replica, statements stay complete and fast while customer-service hangs; the price is the lag. */
    private List<String> replicaVerdicts() {
        var lines = new ArrayList<String>();
        var baseline = row(BASELINE, STATEMENT);
        var replica = row(REPLICA, STATEMENT);
        if (baseline.isEmpty() || replica.isEmpty() || lag.isEmpty()) {
            lines.add("Incomplete report: the replica's run or its replication lag is missing, no verdicts on it.");
            return lines;
        }
        long base = Math.max(1, baseline.get().p99());
        double ratio = (double) replica.get().p99() / base;
        lines.add(verdict(ratio <= 1.5 && replica.get().errors() == 0, String.format(Locale.ROOT,
                "replica:     statements, complete, p99 %d ms = %.2f x baseline statements (%d ms), %d errors"
                        + " (incomplete ones included; target <= 1.5 x, none)",
                replica.get().p99(), ratio, base, replica.get().errors())));
        var measured = lag.get();
        lines.add(verdict(measured.renames() > 0 && measured.missed() == 0, String.format(Locale.ROOT,
                "replica:     its price, the replication lag: a rename reached a statement in p50 %d ms, p99 %d ms"
                        + " (%d renames, %d never arrived; target: every one arrives)",
                measured.percentile(50), measured.percentile(99), measured.renames(), measured.missed())));
        return lines;
    }

    /**
     * auth-server hanging: the guard covers getting a token, so statements are answered (degraded) as when
     * customer-service hangs, none fails, and none waits much longer than the token request's timeout. No verdict
     * without the run (a demo without auth-server's process id).
     */
    private Optional<String> authServerHangVerdict() {
        var statements = row(AUTH_SERVER_HANG, STATEMENT);
        if (statements.isEmpty()) {
            return Optional.empty();
        }
        var run = statements.get();
        var counts = hang.map(measured -> String.format(Locale.ROOT, ", %d degraded, %d waited > %d ms",
                measured.degraded(), measured.slow(), AuthServerHang.SLOW_MILLIS)).orElse("");
        return Optional.of(verdict(run.errors() == 0 && run.p99() < HANG_P99_TARGET_MILLIS, String.format(
                Locale.ROOT, "auth-server: hanging, statements p99 %d ms, max %d ms, %d errors of %d%s"
                        + " (target: none failed, p99 < %d ms)",
                run.p99(), run.max(), run.errors(), run.requests(), counts, HANG_P99_TARGET_MILLIS)));
    }

    private static String verdict(boolean met, String text) {
        return (met ? "[met]    " : "[MISSED] ") + text;
    }
}
