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
 * p50, p99, max), and the three numbers the demo exists for, each against its target.
 *
 * <p>The numbers are Gatling's own ({@link GatlingReport}), so the console and the report never disagree.
 */
public final class CascadeSummary {

    static final String BASELINE = CascadeSimulation.Phase.BASELINE;
    static final String UNPROTECTED = CascadeSimulation.Phase.UNPROTECTED;
    static final String PROTECTED = CascadeSimulation.Phase.PROTECTED;
    static final String ACCOUNT = " · account";
    static final String STATEMENT = " · statement";
    static final String PROBE = " · statement at account-service";

    private final Map<String, Row> rows;

    CascadeSummary(Map<String, Row> rows) {
        this.rows = rows;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CascadeSummary <Gatling report folder>");
            System.exit(2);
        }
        var summary = CascadeSummary.parse(Files.readString(Path.of(args[0], "index.html")));
        summary.print(System.out);
    }

    static CascadeSummary parse(String indexHtml) {
        return new CascadeSummary(GatlingReport.parse(indexHtml).rows());
    }

    Optional<Row> row(String phase, String endpoint) {
        return Optional.ofNullable(rows.get(phase + endpoint));
    }

    void print(PrintStream out) {
        out.println();
        out.printf("%-14s %-32s %9s %8s %9s %9s %9s%n", "run", "endpoint", "requests", "errors", "p50 ms",
                "p99 ms", "max ms");
        for (var phase : CascadeSimulation.Phase.reported()) {
            for (var endpoint : new String[] { ACCOUNT, STATEMENT, PROBE }) {
                row(phase, endpoint).ifPresent(row -> out.printf("%-14s %-32s %9d %8d %9d %9d %9d%n",
                        phase.substring(2), endpoint.substring(3), row.requests(), row.errors(), row.p50(),
                        row.p99(), row.max()));
            }
        }
        out.println();
        verdicts().forEach(out::println);
    }

    /** The demo's three claims, each with its number and its target. */
    List<String> verdicts() {
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
        lines.add(verdict(unprotectedRatio >= 10 || unprotected.get().errors() > 0, String.format(Locale.ROOT,
                "unprotected: plain account reads p99 %d ms = %.1f x baseline (%d ms), %d errors"
                        + " (the cascade: target >= 10 x or errors)",
                unprotected.get().p99(), unprotectedRatio, base, unprotected.get().errors())));
        lines.add(verdict(protectedRatio <= 1.5 && protectedRun.get().errors() == 0, String.format(Locale.ROOT,
                "protected:   plain account reads p99 %d ms = %.2f x baseline, %d errors (target <= 1.5 x, none)",
                protectedRun.get().p99(), protectedRatio, protectedRun.get().errors())));
        lines.add(verdict(probe.get().p99() <= 10 && probe.get().errors() == 0, String.format(Locale.ROOT,
                "protected:   degraded statements at account-service, breaker open, p99 %d ms, %d errors"
                        + " (target <= 10 ms)",
                probe.get().p99(), probe.get().errors())));
        return lines;
    }

    private static String verdict(boolean met, String text) {
        return (met ? "[met]    " : "[MISSED] ") + text;
    }
}
