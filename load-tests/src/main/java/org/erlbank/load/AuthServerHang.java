package org.erlbank.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the statements of the cascade demo's last run met while auth-server hung: how many were answered, how many
 * of those degraded (without the owner's name), and how many waited longer than {@link #SLOW_MILLIS} ms (those
 * that met the hanging token request before the breaker opened). Gatling's report has their count, errors and
 * percentiles; these are the numbers it cannot know. Written by the demo as {@code key value} lines, read by
 * {@link CascadeSummary}.
 */
record AuthServerHang(long answered, long degraded, long slow) {

    /** A statement that took longer than this waited for the token request. */
    static final long SLOW_MILLIS = 1_000;

    /** Counts while the simulation runs (its users record concurrently). */
    static final class Recorder {

        private final AtomicLong answered = new AtomicLong();
        private final AtomicLong degraded = new AtomicLong();
        private final AtomicLong slow = new AtomicLong();

        void answered(boolean wasDegraded, long millis) {
            answered.incrementAndGet();
            if (wasDegraded) {
                degraded.incrementAndGet();
            }
            if (millis > SLOW_MILLIS) {
                slow.incrementAndGet();
            }
        }

        AuthServerHang counts() {
            return new AuthServerHang(answered.get(), degraded.get(), slow.get());
        }
    }

    static AuthServerHang read(Path file) throws IOException {
        var values = new HashMap<String, Long>();
        for (var line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            var fields = line.strip().split("\\s+");
            if (fields.length != 2 || !List.of("answered", "degraded", "slow").contains(fields[0])) {
                throw new IllegalArgumentException("not an auth-server hang's count: " + line);
            }
            values.put(fields[0], Long.parseLong(fields[1]));
        }
        return new AuthServerHang(values.getOrDefault("answered", 0L), values.getOrDefault("degraded", 0L),
                values.getOrDefault("slow", 0L));
    }

    void write(Path file) throws IOException {
        Files.write(file, List.of("answered " + answered, "degraded " + degraded, "slow " + slow));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d statements answered, %d of them degraded; %d waited longer than %d ms",
                answered, degraded, slow, SLOW_MILLIS);
    }
}
