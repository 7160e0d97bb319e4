package org.erlbank.load;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import org.erlbank.load.GatlingReport.Row;

/**
 * The table of a {@link TracingSimulation} run: each set-up's throughput at saturation (its slices' requests over
 * their time), p50 and p99; statements' p50 and p99 traced and not; and what tracing costs: the gateway/direct ratio
 * with and without it, the gateway path's throughput traced / not sampled, a statement's extra milliseconds. Also
 * written to {@code tracing-summary.txt} in the report's folder.
 */
public final class TracingSummary {

    private TracingSummary() {
    }

    public static void main(String[] args) throws IOException {
        SummaryFile.printAndKeep(args, "TracingSummary", "tracing-summary.txt", TracingSummary::print);
    }

    static void print(GatlingReport report, PrintStream out, String machine) {
        long seconds = TracingSimulation.SLICE.toSeconds() * 2;
        var gatewayTraced = row(report, TracingSimulation.GATEWAY_TRACED);
        var gatewayUntraced = row(report, TracingSimulation.GATEWAY_UNTRACED);
        var directTraced = row(report, TracingSimulation.DIRECT_TRACED);
        var directUntraced = row(report, TracingSimulation.DIRECT_UNTRACED);
        var statementTraced = row(report, TracingSimulation.STATEMENT_TRACED);
        var statementUntraced = row(report, TracingSimulation.STATEMENT_UNTRACED);
        out.println();
        out.println("What tracing costs, Zipkin running: requests traced (every span recorded and sent to Zipkin) against"
                + " requests not sampled (the trace id carried and logged, no span): " + machine);
        out.printf("%-44s %9s %7s %7s %7s %9s%n", "set-up", "requests", "errors", "p50 ms", "p99 ms", "per s");
        line(out, "account reads via the gateway, traced", gatewayTraced, seconds);
        line(out, "account reads via the gateway, not sampled", gatewayUntraced, seconds);
        line(out, "account reads direct, traced", directTraced, seconds);
        line(out, "account reads direct, not sampled", directUntraced, seconds);
        line(out, String.format(Locale.ROOT, "statements via the gateway (%.0f/s), traced", TracingSimulation.RATE),
                statementTraced, 0);
        line(out, String.format(Locale.ROOT, "statements via the gateway (%.0f/s), not sampled",
                TracingSimulation.RATE), statementUntraced, 0);
        out.printf(Locale.ROOT, "gateway / direct at saturation: %.2f x traced, %.2f x not sampled (%d users, %d s per"
                + " set-up)%n", ratio(gatewayTraced, directTraced), ratio(gatewayUntraced, directUntraced),
                TracingSimulation.USERS, seconds);
        out.printf(Locale.ROOT, "tracing's cost: reads through the gateway %.2f x the throughput not sampled;"
                + " a statement %+d ms at p50, %+d ms at p99%n", ratio(gatewayTraced, gatewayUntraced),
                statementTraced.p50() - statementUntraced.p50(), statementTraced.p99() - statementUntraced.p99());
    }

    private static Row row(GatlingReport report, String name) {
        return report.row(name).orElseThrow(() -> new IllegalStateException("no requests named " + name));
    }

    private static double ratio(Row a, Row b) {
        return (double) a.requests() / Math.max(1, b.requests());
    }

    private static void line(PrintStream out, String name, Row row, long seconds) {
        out.printf(Locale.ROOT, "%-44s %9d %7d %7d %7d %9s%n", name, row.requests(), row.errors(), row.p50(),
                row.p99(), seconds > 0 ? String.format(Locale.ROOT, "%.1f", (double) row.requests() / seconds) : "-");
    }
}
