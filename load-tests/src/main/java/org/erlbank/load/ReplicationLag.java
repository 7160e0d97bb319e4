package org.erlbank.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The replica's price, measured: how long each rename took, from customer-service's answer to the first statement
 * that showed the new name ({@code arrived}), and how many renames never showed within the timeout ({@code missed}).
 * Written by the cascade demo as one line per rename ({@code arrived 412}, {@code missed}), read by
 * {@link CascadeSummary}.
 */
record ReplicationLag(List<Long> arrivedMillis, int missed) {

    ReplicationLag {
        arrivedMillis = arrivedMillis.stream().sorted().toList();
    }

    /** Collects the lags while the simulation runs (its users record concurrently). */
    static final class Recorder {

        private final ConcurrentLinkedQueue<Long> arrived = new ConcurrentLinkedQueue<>();
        private final AtomicInteger missed = new AtomicInteger();

        void arrived(long millis) {
            arrived.add(millis);
        }

        void missed() {
            missed.incrementAndGet();
        }

        ReplicationLag lag() {
            return new ReplicationLag(List.copyOf(arrived), missed.get());
        }
    }

    static ReplicationLag read(Path file) throws IOException {
        var arrived = new ArrayList<Long>();
        int missed = 0;
        for (var line : Files.readAllLines(file)) {
            var fields = line.strip().split("\\s+");
            if (fields[0].equals("arrived") && fields.length == 2) {
                arrived.add(Long.parseLong(fields[1]));
            } else if (fields[0].equals("missed")) {
                missed++;
            } else if (!line.isBlank()) {
                throw new IllegalArgumentException("not a replication lag: " + line);
            }
        }
        return new ReplicationLag(arrived, missed);
    }

    void write(Path file) throws IOException {
        var lines = arrivedMillis.stream().map(millis -> "arrived " + millis).collect(Collectors.toList());
        for (int i = 0; i < missed; i++) {
            lines.add("missed");
        }
        Files.write(file, lines);
    }

    int renames() {
        return arrivedMillis.size() + missed;
    }

    /** The arrived lag at that percentile (nearest rank); -1 when none arrived. */
    long percentile(double percent) {
        if (arrivedMillis.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(percent / 100 * arrivedMillis.size());
        return arrivedMillis.get(Math.max(0, rank - 1));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d renames: p50 %d ms, p99 %d ms, max %d ms; %d never arrived", renames(),
                percentile(50), percentile(99), percentile(100), missed);
    }
}
