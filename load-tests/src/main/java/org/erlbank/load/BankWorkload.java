package org.erlbank.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bank workload, after Jepsen's: through the gateway, a few clients make random transfers between a handful of
 * accounts while others read all their balances in one request, and then the books are checked.
 *
 * <ul>
 * <li>every read sees the same total, and no negative balance;</li>
 * <li>every transfer that was acknowledged (201) is on the books exactly once, on both sides, and nothing else is
 * (a set check: a transfer applied twice, or one applied but never acknowledged, is caught where a sum is not).</li>
 * </ul>
 *
 * A transfer whose answer is lost (a timeout, a dropped connection, a 503) is sent again with the same
 * {@code Idempotency-Key} until it gets a definite answer, as a careful client does. The accounts are new ones, for a
 * new customer, so that one request ({@code GET /accounts?owner=}) reads all their balances at one instant.
 */
public final class BankWorkload {

    /** What a run did and found. */
    public record Result(int accounts, long transfersAcknowledged, long transfersRefused, long retries, long reads,
            List<String> violations) {

        public boolean holds() {
            return violations.isEmpty();
        }

        @Override
        public String toString() {
            return ("%d accounts; %d transfers acknowledged, %d refused (insufficient funds), %d retries with the same"
                    + " key; %d reads of all balances; %s").formatted(accounts, transfersAcknowledged, transfersRefused,
                    retries, reads, violations.isEmpty() ? "every invariant held"
                            : violations.size() + " VIOLATIONS: " + String.join("; ", violations));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HAL = "application/hal+json";

    private final URI gateway;
    private final int clients;
    private final Duration duration;
    private final int accounts;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** How long after the run a transfer is still asked again before it counts as unanswered. */
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);

    private volatile long giveUpAt = Long.MAX_VALUE;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    public BankWorkload(URI gateway, int clients, Duration duration, int accounts) {
        this.gateway = gateway;
        this.clients = clients;
        this.duration = duration;
        this.accounts = accounts;
    }

    public static void main(String[] args) throws Exception {
        var gateway = URI.create(System.getProperty("erlbank.gateway", "http://localhost:8080"));
        var clients = Integer.getInteger("bank.clients", 8);
        var seconds = Integer.getInteger("bank.seconds", 30);
        System.out.printf("Bank workload through %s: %d clients (half transfer, half read) for %d s ...%n", gateway,
                clients, seconds);
        var result = new BankWorkload(gateway, clients, Duration.ofSeconds(seconds), 5).run();
        System.out.println(result);
        System.exit(result.holds() ? 0 : 1);
    }

    public Result run() throws Exception {
        var owner = post("/customers", "{\"givenName\":\"Jepsen\",\"surname\":\"Bank-" + UUID.randomUUID() + "\"}",
                UUID.randomUUID().toString()).path("id").asText();
        var numbers = new ArrayList<String>();
        for (int i = 0; i < accounts; i++) {
            numbers.add(post("/accounts", "{\"owner\":\"" + owner + "\"}", UUID.randomUUID().toString())
                    .path("number").asText());
        }
        var expectedTotal = total(readBalances(owner));

        long until = System.nanoTime() + duration.toNanos();
        giveUpAt = until + GIVE_UP_AFTER.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
        try {
            // A line a second of how far it is: for a person watching, and for a test that acts mid-run.
            pool.submit(() -> {
                long started = System.nanoTime();
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException stopped) {
                        return;
                    }
                    System.out.printf("  %d s: %d transfers acknowledged, %d retries%n",
                            Duration.ofNanos(System.nanoTime() - started).toSeconds(), acknowledged.size(),
                            retries.get());
                }
            });
            var work = new ArrayList<Future<?>>();
            for (int client = 0; client < clients; client++) {
                boolean writer = client % 2 == 0;
                work.add(pool.submit(() -> {
                    while (System.nanoTime() < until) {
                        if (writer) {
                            transferAtRandom(numbers);
                        } else {
                            checkRead(owner, expectedTotal);
                        }
                    }
                    return null;
                }));
            }
            for (var future : work) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        checkRead(owner, expectedTotal);
        checkTheBooks(numbers);
        return new Result(accounts, acknowledged.size(), refused.get(), retries.get(), reads.get(),
                List.copyOf(violations));
    }

    private void transferAtRandom(List<String> numbers) throws InterruptedException {
        var random = ThreadLocalRandom.current();
        var from = numbers.get(random.nextInt(numbers.size()));
        var to = numbers.get(random.nextInt(numbers.size()));
        if (from.equals(to)) {
            return;
        }
        var amount = "%d.%02d".formatted(random.nextInt(1, 300), random.nextInt(100));
        var key = UUID.randomUUID().toString();
        var body = "{\"to\":\"" + to + "\",\"amount\":\"" + amount + "\"}";
        while (true) {
            HttpResponse<String> answer;
            try {
                answer = send(HttpRequest.newBuilder(gateway.resolve("/accounts/" + from + "/transfers"))
                        .header("Content-Type", "application/json").header("Accept", HAL)
                        .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)));
            } catch (IOException lost) {
                answer = null;
            }
            int status = answer == null ? -1 : answer.statusCode();
            if (status == 201) {
                acknowledged.add(read(answer).path("id").asText());
                return;
            }
            if (status == 422 && answer.body().contains("insufficient-funds")) {
                refused.incrementAndGet();
                return;
            }
            if (status != -1 && status != 409 && status != 503 && status != 504 && status != 502) {
                violations.add("transfer " + from + " -> " + to + " answered " + status + ": " + answer.body());
                return;
            }
            if (System.nanoTime() > giveUpAt) {
                violations.add("transfer " + from + " -> " + to + " (key " + key + ") got no definite answer: last "
                        + (answer == null ? "no answer" : status + " " + answer.body()));
                return;
            }
            retries.incrementAndGet(); // no definite answer: the same request again, with the same key
            Thread.sleep(50);
        }
    }

    private void checkRead(String owner, BigDecimal expectedTotal) {
        try {
            var balances = readBalances(owner);
            reads.incrementAndGet();
            var total = total(balances);
            if (total.compareTo(expectedTotal) != 0) {
                violations.add("a read saw a total of " + total + " instead of " + expectedTotal + ": " + balances);
            }
            balances.forEach((number, balance) -> {
                if (balance.signum() < 0) {
                    violations.add("account " + number + " had a negative balance " + balance);
                }
            });
        } catch (IOException | InterruptedException unanswered) {
            // A read without an answer shows nothing; the next one will.
        }
    }

    /** Every acknowledged transfer on the books exactly once on each side, and no other transfer. */
    private void checkTheBooks(List<String> numbers) throws IOException, InterruptedException {
        var outgoing = new HashMap<String, Integer>();
        var incoming = new HashMap<String, Integer>();
        for (var number : numbers) {
            for (int page = 0;; page++) {
                var transfers = get("/accounts/" + number + "/transfers?size=100&page=" + page);
                var embedded = transfers.path("_embedded").path("transfers");
                embedded.forEach(transfer -> {
                    var id = transfer.path("id").asText();
                    var side = transfer.path("_links").path("from").path("href").asText()
                            .endsWith("/accounts/" + number) ? outgoing : incoming;
                    side.merge(id, 1, Integer::sum);
                });
                if (page + 1 >= transfers.path("page").path("totalPages").asInt()) {
                    break;
                }
            }
        }
        for (var id : acknowledged) {
            if (outgoing.getOrDefault(id, 0) != 1 || incoming.getOrDefault(id, 0) != 1) {
                violations.add("acknowledged transfer " + id + " is on the books " + outgoing.getOrDefault(id, 0)
                        + " times outgoing and " + incoming.getOrDefault(id, 0) + " times incoming");
            }
        }
        outgoing.forEach((id, count) -> {
            if (!acknowledged.contains(id)) {
                violations.add("transfer " + id + " is on the books but was never acknowledged");
            }
        });
    }

    private Map<String, BigDecimal> readBalances(String owner) throws IOException, InterruptedException {
        var balances = new HashMap<String, BigDecimal>();
        get("/accounts?size=100&owner=" + owner).path("_embedded").path("accounts").forEach(account -> balances.put(
                account.path("number").asText(), new BigDecimal(account.path("balance").path("amount")
                        .asText())));
        if (balances.size() != accounts) {
            violations.add("a read saw " + balances.size() + " accounts instead of " + accounts);
        }
        return balances;
    }

    private static BigDecimal total(Map<String, BigDecimal> balances) {
        return balances.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        var answer = send(HttpRequest.newBuilder(gateway.resolve(path)).header("Accept", HAL).GET());
        if (answer.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return read(answer);
    }

    private JsonNode post(String path, String body, String key) throws IOException, InterruptedException {
        var answer = send(HttpRequest.newBuilder(gateway.resolve(path)).header("Content-Type", "application/json")
                .header("Accept", HAL).header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)));
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("POST " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return read(answer);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode read(HttpResponse<String> answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + answer.body(), e);
        }
    }
}
