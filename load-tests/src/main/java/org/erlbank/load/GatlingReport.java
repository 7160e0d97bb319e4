package org.erlbank.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The statistics table of a Gatling report, one row per request name: Gatling's own numbers, read from the report's
 * {@code index.html} (Gatling 3.15 writes no machine-readable statistics beside it), so a console summary and the
 * report never disagree.
 */
final class GatlingReport {

    /** One row of Gatling's statistics table. Times in whole milliseconds, as Gatling measures them. */
    record Row(String name, long requests, long errors, long p50, long p99, long max) {
    }

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

    /** The name of the table's first row, the total. */
    static final String TOTAL = "All Requests";

    private final Map<String, Row> rows;

    GatlingReport(Map<String, Row> rows) {
        this.rows = Map.copyOf(rows);
    }

    static GatlingReport of(Path reportFolder) throws IOException {
        return parse(Files.readString(reportFolder.resolve("index.html")));
    }

    static GatlingReport parse(String indexHtml) {
        var rows = new LinkedHashMap<String, Row>();
        var matcher = ROW.matcher(indexHtml);
        while (matcher.find()) {
            var name = unescape(matcher.group(1));
            var cells = new LinkedHashMap<Integer, String>();
            var cell = CELL.matcher(matcher.group(2));
            while (cell.find()) {
                cells.put(Integer.parseInt(cell.group(1)), cell.group(2).strip());
            }
            // "All Requests" is Gatling's total over every row, the warm-up's included: no request of its own (summed
            // with the rows, a failure in the warm-up counted as a measured one).
            if (cells.containsKey(MAX) && !TOTAL.equals(name)) {
                rows.put(name, new Row(name, number(cells, REQUESTS), number(cells, ERRORS), number(cells, P50),
                        number(cells, P99), number(cells, MAX)));
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no statistics table in this report (not a Gatling 3.15 report?)");
        }
        return new GatlingReport(rows);
    }

    Optional<Row> row(String name) {
        return Optional.ofNullable(rows.get(name));
    }

    Map<String, Row> rows() {
        return rows;
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
