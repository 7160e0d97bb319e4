package org.erlbank.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * What users paid for the circuit breaker in a cascade demo's run with a hanging dependency: of the statements sent
 * after account-service's breaker over customer-service first opened in that run, how many waited longer than
 * {@link #SLOW_MILLIS} (a half-open trial call that meets the hang would; an answer of the open breaker takes
 * milliseconds), and how long after the dependency recovered the breaker closed. The breaker's state is read from
 * account-service's {@code /actuator/circuitbreakers} every {@link #POLL} while the demo runs. Written by the demo as
 * one line per run, read by {@link CascadeSummary}.
 *
 * @param run          the run (a phase's name)
 * @param afterOpen    statements sent after the breaker first opened in the run
 * @param slow         of those, the ones that waited longer than {@link #SLOW_MILLIS} (or got no answer)
 * @param closedMillis how long after the dependency recovered the breaker was seen closed; -1: never seen closed,
 *                     -2: it never opened
 */
record BreakerWatch(String run, long afterOpen, long slow, long closedMillis) {

    static final long SLOW_MILLIS = 1_000;
    static final Duration POLL = Duration.ofMillis(100);
    static final String FILE = "breaker.txt";
    private static final Pattern STATE = Pattern.compile("\"customer-service\"\\s*:\\s*\\{[^}]*\"state\"\\s*:\\s*\"(\\w+)\"");

    /** Watches the breaker and counts, while the simulation runs (its users record concurrently). */
    static final class Recorder {

        private final URI circuitBreakers;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        private final Map<String, Run> runs = new ConcurrentHashMap<>();
        private final List<String> order = new CopyOnWriteArrayList<>();
        private volatile String watching;
        private volatile Thread poller;

        Recorder(String accountServiceManagement) {
            this.circuitBreakers = URI.create(accountServiceManagement + "/actuator/circuitbreakers");
        }

        /** From now on, the breaker's first opening counts for this run. */
        synchronized void watch(String run) {
            runs.computeIfAbsent(run, name -> new Run());
            order.add(run);
            watching = run;
            if (poller == null) {
                var thread = new Thread(this::poll, "breaker-watch");
                thread.setDaemon(true);
                poller = thread;
                thread.start();
            }
        }

        /** The run's dependency is healthy again: the time until the breaker is seen closed counts from now. */
        void recovered(String run) {
            var measured = runs.get(run);
            if (measured != null) {
                measured.recoveredAt = System.nanoTime();
            }
        }

        /** A statement of the run, sent at sentAt (System.nanoTime()), answered after millis (null: no answer). */
        void statement(String run, long sentAt, Integer millis) {
            var measured = runs.get(run);
            if (measured == null || measured.openedAt == 0 || sentAt < measured.openedAt) {
                return;
            }
            measured.afterOpen.incrementAndGet();
            if (millis == null || millis > SLOW_MILLIS) {
                measured.slow.incrementAndGet();
            }
        }

        /** Waits (at most the limit) until the breaker is seen closed after the last run's recovery, then stops. */
        List<BreakerWatch> finish(Duration limit) {
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline && runs.values().stream()
                    .anyMatch(run -> run.openedAt != 0 && run.recoveredAt != 0 && run.closedAt == 0)) {
                sleep();
            }
            var stopped = poller;
            poller = null;
            if (stopped != null) {
                stopped.interrupt();
            }
            var results = new ArrayList<BreakerWatch>();
            for (var name : new LinkedHashSet<>(order)) {
                var run = runs.get(name);
                long closed = run.openedAt == 0 ? -2 : run.closedAt == 0 || run.recoveredAt == 0 ? -1
                        : Math.max(0, (run.closedAt - run.recoveredAt) / 1_000_000);
                results.add(new BreakerWatch(name, run.afterOpen.get(), run.slow.get(), closed));
            }
            return results;
        }

        private void poll() {
            while (poller == Thread.currentThread()) {
                var state = state();
                var run = watching == null ? null : runs.get(watching);
                if (run != null && state != null) {
                    long now = System.nanoTime();
                    if (run.openedAt == 0 && state.equals("OPEN")) {
                        run.openedAt = now;
                    } else if (run.openedAt != 0 && run.recoveredAt != 0 && run.closedAt == 0
                            && state.equals("CLOSED")) {
                        run.closedAt = now;
                    }
                }
                sleep();
            }
        }

        private String state() {
            try {
                var answer = http.send(HttpRequest.newBuilder(circuitBreakers).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.ofString());
                var matcher = STATE.matcher(answer.body());
                return matcher.find() ? matcher.group(1) : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        private static void sleep() {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final class Run {
        private volatile long openedAt;
        private volatile long recoveredAt;
        private volatile long closedAt;
        private final AtomicLong afterOpen = new AtomicLong();
        private final AtomicLong slow = new AtomicLong();
    }

    static List<BreakerWatch> read(Path file) throws IOException {
        var watches = new ArrayList<BreakerWatch>();
        for (var line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            var fields = line.strip().split("\t");
            if (fields.length != 4) {
                throw new IllegalArgumentException("not a breaker watch: " + line);
            }
            watches.add(new BreakerWatch(fields[0], Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                    Long.parseLong(fields[3])));
        }
        return watches;
    }

    static void write(Path file, List<BreakerWatch> watches) throws IOException {
        Files.write(file, watches.stream().map(watch -> String.join("\t", watch.run(), String.valueOf(watch.afterOpen()),
                String.valueOf(watch.slow()), String.valueOf(watch.closedMillis()))).toList());
    }

    @Override
    public String toString() {
        var closed = closedMillis == -2 ? "the breaker never opened"
                : closedMillis == -1 ? "it was not seen closed after the dependency recovered"
                        : "it closed " + closedMillis + " ms after the dependency recovered";
        return String.format(Locale.ROOT, "%s: after the breaker first opened, %d of %d statements waited longer than"
                + " %d ms; %s", run.substring(2), slow, afterOpen, SLOW_MILLIS, closed);
    }
}
