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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * <li>every read sees the same total for its customer, and no negative balance;</li>
 * <li>every transfer that was acknowledged (201) is on the books exactly once, on both sides, and nothing else is
 * (a set check: a transfer applied twice, or one applied but never acknowledged, is caught where a sum is not).</li>
 * </ul>
 *
 * A transfer whose answer is lost (a timeout, a dropped connection, a 503) is sent again with the same
 * {@code Idempotency-Key} until it gets a definite answer, as a careful client does.
 *
 * <p>The clients are customers, each with a token of her own from auth-server: the teller (a demo login) registers a
 * few new customers, opens each her accounts and gives each a login at auth-server's management port; every client
 * then logs in as its customer, and transfers only between that customer's accounts (a customer transfers only from
 * her own) or reads all their balances. Each customer has two writers and two readers (clients are dealt out to the
 * customers in turn), so that transfers still race for the same accounts. One request ({@code GET
 * /accounts?owner=}) reads all of a customer's balances at one instant, so each customer's total is an invariant
 * checked at one instant, as strong as with a single owner. The teller reads the books at the end.
 *
 * <p>{@link #main} reads system properties: {@code erlbank.gateway} (default {@code http://localhost:8080}),
 * {@code erlbank.auth-server} (where people log in, {@code http://localhost:9000}), {@code
 * erlbank.auth-server-management} (auth-server's management port, {@code http://127.0.0.1:9090}), {@code
 * bank.seconds} (30), {@code bank.clients} (8), {@code bank.customers} (a quarter of the clients, at least one) and
 * {@code bank.stop-file} (none: a file whose appearance ends the clients' work before the seconds are up, for a test
 * that runs the workload exactly as long as something else takes) and {@code bank.think-ms} (0: how long each client
 * pauses between its requests; 0 is a closed model at saturation, more a load that leaves the machine room).
 */
public final class BankWorkload {

    /** What a run did and found; {@code accounts} are each customer's. */
    public record Result(int customers, int accounts, long transfersAcknowledged, long transfersRefused, long retries,
            long reads, Map<String, Long> retriedAfter, Map<ReadKind, Long> readsByKind,
            Map<ReadKind, Long> readsFailed, long degradedStatements, long setupRetries, List<String> violations) {

        public boolean holds() {
            return violations.isEmpty();
        }

        /** Reads of every kind, answered or not. */
        public long readsSent() {
            return readsByKind.values().stream().mapToLong(Long::longValue).sum();
        }

        public long readsFailedTotal() {
            return readsFailed.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d customers with %d accounts each; %d transfers acknowledged, %d"
                    + " refused (insufficient funds), %d retries with the same key; %d reads of all a customer's"
                    + " balances; %s%n"
                    + "counts: transfers-acknowledged=%d transfers-refused=%d transfer-retries=%d retried-after=%s"
                    + " reads=%d reads-failed=%d reads-answered=%.3f%% by-kind=%s failed-by-kind=%s"
                    + " degraded-statements=%d setup-retries=%d violations=%d", customers, accounts, transfersAcknowledged,
                    transfersRefused, retries, reads,
                    violations.isEmpty() ? "every invariant held"
                            : violations.size() + " VIOLATIONS: " + String.join("; ", violations),
                    transfersAcknowledged, transfersRefused, retries, compact(retriedAfter), readsSent(),
                    readsFailedTotal(),
                    readsSent() == 0 ? 0.0 : 100.0 * (readsSent() - readsFailedTotal()) / readsSent(),
                    compact(readsByKind), compact(readsFailed), degradedStatements, setupRetries, violations.size());
        }

        private static String compact(Map<?, Long> counts) {
            var text = new StringBuilder("{");
            new TreeMap<>(counts.entrySet().stream().collect(
                    java.util.stream.Collectors.toMap(entry -> entry.getKey().toString(), Map.Entry::getValue)))
                    .forEach((key, value) -> text.append(text.length() > 1 ? "," : "").append(key).append(':')
                            .append(value));
            return text.append('}').toString();
        }
    }

    /**
     * What a reader reads, in turn: all the customer's balances (the invariant), her own customer record (from
     * customer-service), an account's statement (account-service asks customer-service for her name). Reads are
     * not asked again by the client: a failed one counts as failed.
     */
    public enum ReadKind {
        balances, customer, statement
    }

    /** A customer of the run: her login and accounts, and the total her balances must always add up to. */
    private record Customer(String id, String user, List<String> numbers, BigDecimal expectedTotal) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HAL = "application/hal+json";

    private final URI gateway;
    private final AuthServerTokens tokens;
    private final AuthServerLogins logins;
    private final int clients;
    private final int customers;
    private final Duration duration;
    private final int accounts;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * Answers that say nothing of whether a write was done: the key's first request still running (409), the
     * gateway's or a service's "unavailable", "busy" and "timed out" (502, 503, 504). Asked again with the same key.
     */
    private static final Set<Integer> UNDECIDED = Set.of(409, 502, 503, 504);

    /** How long after the run a transfer is still asked again before it counts as unanswered. */
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);

    private volatile long giveUpAt = Long.MAX_VALUE;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong setupRetries = new AtomicLong();
    private final Map<String, AtomicLong> retriedAfter = new ConcurrentHashMap<>();
    private final Map<ReadKind, AtomicLong> readsByKind = new EnumMap<>(ReadKind.class);
    private final Map<ReadKind, AtomicLong> readsFailed = new EnumMap<>(ReadKind.class);
    private final AtomicLong degradedStatements = new AtomicLong();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param gateway   where every request goes
     * @param tokens    the teller's token and, once they have logins, the customers'
     * @param logins    where the customers get their logins
     * @param clients   how many clients work at once
     * @param customers how many customers they work as (at most {@code clients}; a client is the customer's whose
     *                  turn it is)
     * @param duration  how long the clients work
     * @param accounts  how many accounts each customer has
     */
    BankWorkload(URI gateway, AuthServerTokens tokens, AuthServerLogins logins, int clients, int customers,
            Duration duration, int accounts) {
        if (customers < 1 || customers > clients) {
            throw new IllegalArgumentException("from 1 to " + clients + " customers, not " + customers);
        }
        this.gateway = gateway;
        this.tokens = tokens;
        this.logins = logins;
        this.clients = clients;
        this.customers = customers;
        this.duration = duration;
        this.accounts = accounts;
        for (var kind : ReadKind.values()) {
            readsByKind.put(kind, new AtomicLong());
            readsFailed.put(kind, new AtomicLong());
        }
    }

    /**
     * Two writers and two readers per customer: with 8 clients (the default), 2 customers. Two writers so that
     * transfers race for the same accounts; two readers so that reads overlap the transfers of both.
     */
    static int customersFor(int clients) {
        return Math.max(1, clients / 4);
    }

    public static void main(String[] args) throws Exception {
        var gateway = URI.create(System.getProperty("erlbank.gateway", "http://localhost:8080"));
        var clients = Integer.getInteger("bank.clients", 8);
        var customers = Integer.getInteger("bank.customers", customersFor(clients));
        var seconds = Integer.getInteger("bank.seconds", 30);
        System.out.printf("Bank workload through %s: %d clients as %d customers (half transfer, half read) for %d s,"
                + " tokens from %s ...%n", gateway, clients, customers, seconds,
                AuthServerTokens.authServerFromSystemProperties());
        var result = new BankWorkload(gateway, AuthServerTokens.fromSystemProperties(),
                AuthServerLogins.fromSystemProperties(), clients, customers, Duration.ofSeconds(seconds), 5).run();
        System.out.println(result);
        System.exit(result.holds() ? 0 : 1);
    }

    public Result run() throws Exception {
        var run = UUID.randomUUID().toString().substring(0, 8);
        var bank = new ArrayList<Customer>();
        for (int customer = 0; customer < customers; customer++) {
            bank.add(newCustomer("bank-" + run + "-" + customer));
        }

        long until = System.nanoTime() + duration.toNanos();
        var stopFile = System.getProperty("bank.stop-file");
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        long thinkMillis = Long.getLong("bank.think-ms", 0);
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
                    if (stopFile != null && java.nio.file.Files.exists(java.nio.file.Path.of(stopFile))) {
                        stop.set(true);
                    }
                    System.out.printf("  %d s: %d transfers acknowledged, %d retries%n",
                            Duration.ofNanos(System.nanoTime() - started).toSeconds(), acknowledged.size(),
                            retries.get());
                }
            });
            var work = new ArrayList<Future<?>>();
            for (int client = 0; client < clients; client++) {
                var customer = bank.get(client % customers);
                boolean writer = (client / customers) % 2 == 0;
                work.add(pool.submit(() -> {
                    for (int turn = 0; System.nanoTime() < until && !stop.get(); turn++) {
                        if (thinkMillis > 0) {
                            Thread.sleep(thinkMillis);
                        }
                        if (writer) {
                            transferAtRandom(customer);
                        } else {
                            read(ReadKind.values()[turn % ReadKind.values().length], customer);
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

        for (var customer : bank) {
            checkRead(customer);
        }
        checkTheBooks(bank.stream().flatMap(customer -> customer.numbers().stream()).toList());
        return new Result(customers, accounts, acknowledged.size(), refused.get(), retries.get(), reads.get(),
                snapshot(retriedAfter), snapshot(readsByKind), snapshot(readsFailed), degradedStatements.get(),
                setupRetries.get(), List.copyOf(violations));
    }

    /** The teller registers a customer and opens her accounts; auth-server gives her a login; she reads her total. */
    private Customer newCustomer(String user) throws IOException, InterruptedException {
        var id = post("/customers", "{\"givenName\":\"Jepsen\",\"surname\":\"Bank-" + UUID.randomUUID() + "\"}",
                UUID.randomUUID().toString()).path("id").asText();
        var numbers = new ArrayList<String>();
        for (int i = 0; i < accounts; i++) {
            numbers.add(post("/accounts", "{\"owner\":\"" + id + "\"}", UUID.randomUUID().toString())
                    .path("number").asText());
        }
        var login = logins.addCustomer(user, id);
        tokens.usePassword(login.username(), login.password());
        return new Customer(id, login.username(), List.copyOf(numbers), total(readBalances(id, login.username())));
    }

    /** A transfer between two of the customer's accounts, as the customer. */
    private void transferAtRandom(Customer customer) throws InterruptedException {
        var numbers = customer.numbers();
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
                        .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)),
                        customer.user());
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
            if (status != -1 && !UNDECIDED.contains(status)) {
                violations.add("transfer " + from + " -> " + to + " answered " + status + ": " + answer.body());
                return;
            }
            if (System.nanoTime() > giveUpAt) {
                violations.add("transfer " + from + " -> " + to + " (key " + key + ") got no definite answer: last "
                        + (answer == null ? "no answer" : status + " " + answer.body()));
                return;
            }
            retries.incrementAndGet(); // no definite answer: the same request again, with the same key
            retriedAfter.computeIfAbsent(answer == null ? "no-answer" : status + "-" + problemType(answer),
                    cause -> new AtomicLong()).incrementAndGet();
            Thread.sleep(50);
        }
    }

    /** One read of that kind, as the customer, counted; a read that fails is not asked again. */
    private void read(ReadKind kind, Customer customer) {
        readsByKind.get(kind).incrementAndGet();
        boolean answered = switch (kind) {
            case balances -> checkRead(customer);
            case customer -> readOk("/v2/customers/" + customer.id(), customer.user()) != null;
            case statement -> {
                var statement = readOk("/accounts/" + customer.numbers().get(0) + "/statement", customer.user());
                if (statement != null && statement.path("degraded").asBoolean(false)) {
                    degradedStatements.incrementAndGet();
                }
                yield statement != null;
            }
        };
        if (!answered) {
            readsFailed.get(kind).incrementAndGet();
        }
    }

    /** A GET as the user: its document if it was answered 200, else null. */
    private JsonNode readOk(String path, String user) {
        try {
            return get(path, user);
        } catch (IOException | InterruptedException unanswered) {
            return null;
        }
    }

    /** All the customer's balances in one read, as the customer: her total as it was, none negative. */
    private boolean checkRead(Customer customer) {
        try {
            var balances = readBalances(customer.id(), customer.user());
            reads.incrementAndGet();
            var total = total(balances);
            if (total.compareTo(customer.expectedTotal()) != 0) {
                violations.add("a read of " + customer.user() + "'s accounts saw a total of " + total + " instead of "
                        + customer.expectedTotal() + ": " + balances);
            }
            balances.forEach((number, balance) -> {
                if (balance.signum() < 0) {
                    violations.add("account " + number + " had a negative balance " + balance);
                }
            });
        } catch (IOException | InterruptedException unanswered) {
            // A read without an answer shows nothing; the next one will.
            return false;
        }
        return true;
    }

    /** Every acknowledged transfer on the books exactly once on each side, and no other transfer; read by the teller. */
    private void checkTheBooks(List<String> numbers) throws IOException, InterruptedException {
        var outgoing = new HashMap<String, Integer>();
        var incoming = new HashMap<String, Integer>();
        for (var number : numbers) {
            for (int page = 0;; page++) {
                var transfers = get("/accounts/" + number + "/transfers?size=100&page=" + page,
                        AuthServerTokens.TELLER);
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

    /** All of a customer's balances, in one request, as that user. */
    private Map<String, BigDecimal> readBalances(String owner, String user) throws IOException, InterruptedException {
        var balances = new HashMap<String, BigDecimal>();
        get("/accounts?size=100&owner=" + owner, user).path("_embedded").path("accounts")
                .forEach(account -> balances.put(account.path("number").asText(),
                        new BigDecimal(account.path("balance").path("amount").asText())));
        if (balances.size() != accounts) {
            violations.add("a read of " + user + "'s accounts saw " + balances.size() + " accounts instead"
                    + " of " + accounts);
        }
        return balances;
    }

    /** The last segment of a problem's type (service-unavailable, busy, ...), or the status alone. */
    private static String problemType(HttpResponse<String> answer) {
        try {
            var type = JSON.readTree(answer.body()).path("type").asText("");
            return type.isEmpty() ? "" : type.substring(type.lastIndexOf('/') + 1);
        } catch (IOException notJson) {
            return "";
        }
    }

    private static <K> Map<K, Long> snapshot(Map<K, AtomicLong> counts) {
        var copy = new java.util.LinkedHashMap<K, Long>();
        counts.forEach((key, count) -> copy.put(key, count.get()));
        return copy;
    }

    private static BigDecimal total(Map<String, BigDecimal> balances) {
        return balances.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private JsonNode get(String path, String user) throws IOException, InterruptedException {
        var answer = send(HttpRequest.newBuilder(gateway.resolve(path)).header("Accept", HAL).GET(), user);
        if (answer.statusCode() != 200) {
            throw new IOException("GET " + path + " as " + user + " answered " + answer.statusCode() + ": "
                    + answer.body());
        }
        return read(answer);
    }

    /**
     * A POST by the teller (she registers customers and opens accounts), sent again with the same key while it gets
     * no definite answer (a service just started may not reach another yet), for at most {@link #GIVE_UP_AFTER}.
     */
    private JsonNode post(String path, String body, String key) throws IOException, InterruptedException {
        long giveUp = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        while (true) {
            HttpResponse<String> answer;
            try {
                answer = send(HttpRequest.newBuilder(gateway.resolve(path)).header("Content-Type", "application/json")
                        .header("Accept", HAL).header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body)), AuthServerTokens.TELLER);
            } catch (IOException lost) {
                answer = null;
            }
            if (answer != null && answer.statusCode() == 201) {
                return read(answer);
            }
            if ((answer != null && !UNDECIDED.contains(answer.statusCode())) || System.nanoTime() > giveUp) {
                throw new IllegalStateException("POST " + path + " answered "
                        + (answer == null ? "nothing" : answer.statusCode() + ": " + answer.body()));
            }
            setupRetries.incrementAndGet();
            Thread.sleep(200);
        }
    }

    /** Sends a request as that user: with her token, got from auth-server only when the one held is due. */
    private HttpResponse<String> send(HttpRequest.Builder request, String user)
            throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).header("Authorization", tokens.bearer(user)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode read(HttpResponse<String> answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + answer.body(), e);
        }
    }
}
