package org.erlbank.load;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A benchmark's summary, read from its Gatling report: printed, and kept in a file beside the report. */
final class SummaryFile {

    /** Prints a summary of a report, with a line on the machine it ran on. */
    interface Printer {
        void print(GatlingReport report, PrintStream out, String machine);
    }

    private SummaryFile() {
    }

    /** The command line {@code <Gatling report folder>}: its summary to the console and to {@code fileName}. */
    static void printAndKeep(String[] args, String command, String fileName, Printer printer) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: " + command + " <Gatling report folder>");
            System.exit(2);
        }
        var folder = Path.of(args[0]);
        var text = new ByteArrayOutputStream();
        printer.print(GatlingReport.of(folder), new PrintStream(text, true, StandardCharsets.UTF_8),
                BenchSummary.machine(System.getProperty("bench.jvm-options", "")));
        System.out.print(text.toString(StandardCharsets.UTF_8));
        Files.writeString(folder.resolve(fileName), text.toString(StandardCharsets.UTF_8));
    }
}
