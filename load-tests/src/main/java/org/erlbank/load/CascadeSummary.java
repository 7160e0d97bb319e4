package org.erlbank.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Prints what a cascade demo showed, from its Gatling report: a table per phase and endpoint (requests, errors,
 * p50, p99, max), and the three numbers the demo exists for, each against its target.
 *
 * <p>The numbers are Gatling's own, read from the statistics table of the report's {@code index.html} (Gatling
 * 3.15 writes no machine-readable statistics beside it), so the console and the report never disagree.
 */
public final class CascadeSummary {

    /** One row of Gatling's statistics table. Times in milliseconds. */
    record Row(String name, long requests, long errors, long p50, long p99, long max) {
    }

    static final String BASELINE = CascadeSimulation.Phase.BASELINE;
    static final String UNPROTECTED = CascadeSimulation.Phase.UNPROTECTED;
    static final String PROTECTED = CascadeSimulation.Phase.PROTECTED;
    static final String ACCOUNT = " · account";
    static final String STATEMENT = " · statement";
    static final String PROBE = " · statement at account-service";

    private static final Pattern ROW = Pattern.compile(
            "class=\"ellipsed-name\">(.*?)</span>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile(
            "<td class=\"value[^\"]*col-(\\d+)\">([^<]*)</td>");
    // Gatling's columns: 2 requests, 3 OK, 4 KO, 5 KO %, 6 rps, 7 min, 8-11 the four percentiles of gatling.conf
    // (50, 90, 95, 99), 12 max, 13 mean, 14 standard deviation.
    private static final int REQUESTS = 2;
    private static final int ERRORS = 4;
    private static final int P50 = 8;
    private static final int P99 = 11;
    private static final int MAX = 12;

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
        var rows = new LinkedHashMap<String, Row>();
        var matcher = ROW.matcher(indexHtml);
        while (matcher.find()) {
            var name = unescape(matcher.group(1));
            var cells = new LinkedHashMap<Integer, String>();
            var cell = CELL.matcher(matcher.group(2));
            while (cell.find()) {
                cells.put(Integer.parseInt(cell.group(1)), cell.group(2).strip());
            }
            if (cells.containsKey(MAX)) {
                rows.put(name, new Row(name, number(cells, REQUESTS), number(cells, ERRORS), number(cells, P50),
                        number(cells, P99), number(cells, MAX)));
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no statistics table in this report (not a Gatling 3.15 report?)");
        }
        return new CascadeSummary(rows);
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

    private static long number(Map<Integer, String> cells, int column) {
        var value = cells.getOrDefault(column, "-").replace(",", "");
        return value.equals("-") || value.isEmpty() ? 0 : Math.round(Double.parseDouble(value));
    }

    private static String unescape(String html) {
        return html.replace("&middot;", "·").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").strip();
    }
}
