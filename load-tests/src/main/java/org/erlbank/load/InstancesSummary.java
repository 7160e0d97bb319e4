package org.erlbank.load;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import org.erlbank.load.GatlingReport.Row;

/**
 * The table of an {@link InstancesSimulation} run: customer reads through the gateway with one and with two
 * instances of customer-service, each set-up's throughput over its slices, p50 and p99, and the ratio two / one.
 * Also written to {@code instances-summary.txt} in the report's folder.
 */
public final class InstancesSummary {

    private InstancesSummary() {
    }

    public static void main(String[] args) throws IOException {
        SummaryFile.printAndKeep(args, "InstancesSummary", "instances-summary.txt", InstancesSummary::print);
    }

    static void print(GatlingReport report, PrintStream out, String machine) {
        long seconds = InstancesSimulation.SLICE.toSeconds()
                * InstancesSimulation.SLICES_WITH_TWO.stream().filter(two -> two).count();
        var two = report.row(InstancesSimulation.TWO).orElseThrow(() -> new IllegalStateException("no slice with two"));
        var one = report.row(InstancesSimulation.ONE).orElseThrow(() -> new IllegalStateException("no slice with one"));
        out.println();
        out.println("customer-service behind the gateway, one instance against two: " + machine);
        out.printf("%-34s %9s %7s %7s %7s %9s%n", "set-up", "requests", "errors", "p50 ms", "p99 ms", "per s");
        line(out, "two instances of customer-service", two, seconds);
        line(out, "one instance (the other out)", one, seconds);
        out.printf(Locale.ROOT, "throughput two / one: %.2f x (%d users reading customers through the gateway,"
                + " %d s per set-up)%n", (double) two.requests() / Math.max(1, one.requests()),
                InstancesSimulation.USERS, seconds);
    }

    private static void line(PrintStream out, String name, Row row, long seconds) {
        out.printf(Locale.ROOT, "%-34s %9d %7d %7d %7d %9.1f%n", name, row.requests(), row.errors(), row.p50(),
                row.p99(), (double) row.requests() / seconds);
    }
}
