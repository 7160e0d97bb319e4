package org.erlbank.system;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The table ./erlbank demo cascade prints: one row per run and endpoint. */
record CascadeTable(Map<String, Row> rows) {

    record Row(long requests, long errors, long p50, long p99, long max) {
    }

    private static final Pattern ROW = Pattern.compile(
            "^(baseline|unprotected|protected|replica|auth-server hanging)\\s+(.+?)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*$");

    static CascadeTable of(String output) {
        var rows = new HashMap<String, Row>();
        output.lines().map(ROW::matcher).filter(java.util.regex.Matcher::matches).forEach(row -> rows.put(
                row.group(1) + "/" + row.group(2), new Row(Long.parseLong(row.group(3)),
                        Long.parseLong(row.group(4)), Long.parseLong(row.group(5)), Long.parseLong(row.group(6)),
                        Long.parseLong(row.group(7)))));
        return new CascadeTable(rows);
    }

    Row row(String run, String endpoint) {
        var row = rows.get(run + "/" + endpoint);
        if (row == null) {
            throw new AssertionError("the demo printed no row for " + run + " " + endpoint + "; it printed " + rows);
        }
        return row;
    }
}
