package org.erlbank.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The part of Erlbank's gateway the bank workload uses, in memory, holding every request to issue 17's rules (as the
 * services will): a request without a token is {@code 401}; the teller registers customers and opens accounts but
 * moves no money ({@code 403}); a customer lists only her own accounts, reads only her own accounts' transfers and
 * transfers only from her own accounts (another's is {@code 404}). The token's signature is not checked (the
 * services do that); its claims are what auth-server put in. Every answer that refused something is kept, for the
 * test to see that there was none.
 */
final class FakeBank implements AutoCloseable {

    /** A transfer on the books, and the customer whose token made it. */
    record Transfer(String id, String from, String to, BigDecimal amount, String madeBy) {
    }

    private record Account(String number, String owner, BigDecimal[] balance) {
    }

    private record Caller(String subject, String token, boolean teller, String customerId) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TRANSFERS = Pattern.compile("/accounts/(\\d+)/transfers");
    private static final Pattern STATEMENT = Pattern.compile("/accounts/(\\d+)/statement");
    private static final Pattern CUSTOMER = Pattern.compile("/v2/customers/([0-9a-f-]+)");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final Set<String> customers = new HashSet<>();
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final List<Transfer> transfers = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();
    private final Map<String, Set<String>> tokensBySubject = new HashMap<>();
    private final Map<String, Integer> balanceReadsBySubject = new HashMap<>();
    private int nextNumber = 20000001;

    FakeBank() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized List<Transfer> transfers() {
        return List.copyOf(transfers);
    }

    synchronized List<String> refusals() {
        return List.copyOf(refusals);
    }

    synchronized Set<String> customers() {
        return Set.copyOf(customers);
    }

    /** The different tokens each user sent: one each, if no token was got per request. */
    synchronized Map<String, Set<String>> tokensBySubject() {
        return Map.copyOf(tokensBySubject);
    }

    /** How often each user read a customer's balances. */
    synchronized Map<String, Integer> balanceReadsBySubject() {
        return Map.copyOf(balanceReadsBySubject);
    }

    synchronized String ownerOf(String number) {
        return accounts.get(number).owner();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Answer answer;
            synchronized (this) {
                answer = answer(exchange.getRequestMethod(), exchange.getRequestURI(),
                        exchange.getRequestHeaders().getFirst("Authorization"), body);
                if (answer.status() >= 400 && !answer.body().contains("insufficient-funds")) {
                    refusals.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + ": " + answer.status()
                            + " " + answer.body());
                }
            }
            var bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.status() < 400 ? "application/hal+json"
                    : "application/problem+json");
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private record Answer(int status, String body) {
    }

    private Answer answer(String method, URI uri, String authorization, String body) throws IOException {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return problem(401, "unauthorized");
        }
        var token = authorization.substring("Bearer ".length());
        var claims = TokenClaims.of(token);
        var roles = claims.path("roles").toString();
        var caller = new Caller(claims.path("sub").asText(), token, roles.equals("[\"teller\"]"),
                roles.equals("[\"customer\"]") ? claims.path("customer_id").asText(null) : null);
        if (!caller.teller() && caller.customerId() == null) {
            return problem(403, "neither teller nor customer");
        }
        tokensBySubject.computeIfAbsent(caller.subject(), subject -> new HashSet<>()).add(token);
        var path = uri.getPath();
        var query = queryOf(uri.getRawQuery());
        if (method.equals("POST") && path.equals("/customers")) {
            if (!caller.teller()) {
                return problem(403, "only a teller registers customers");
            }
            var id = UUID.randomUUID().toString();
            customers.add(id);
            return json(201, Map.of("id", id));
        }
        if (method.equals("POST") && path.equals("/accounts")) {
            var owner = JSON.readTree(body).path("owner").asText();
            if (!caller.teller()) {
                return problem(403, "only a teller opens accounts");
            }
            if (!customers.contains(owner)) {
                return problem(422, "no such customer");
            }
            var number = String.valueOf(nextNumber++);
            accounts.put(number, new Account(number, owner, new BigDecimal[] {new BigDecimal("1000.00")}));
            return json(201, Map.of("number", number, "balance", Map.of("amount", "1000.00", "currency", "EUR")));
        }
        if (method.equals("GET") && path.equals("/accounts")) {
            var owner = query.get("owner");
            balanceReadsBySubject.merge(caller.subject(), 1, Integer::sum);
            var listed = new ArrayList<Map<String, Object>>();
            accounts.values().stream().filter(account -> account.owner().equals(owner))
                    .filter(account -> caller.teller() || account.owner().equals(caller.customerId()))
                    .forEach(account -> listed.add(Map.of("number", account.number(),
                            "balance", Map.of("amount", account.balance()[0].toPlainString(), "currency", "EUR"))));
            return json(200, Map.of("_embedded", Map.of("accounts", listed)));
        }
        var customerPath = CUSTOMER.matcher(path);
        if (method.equals("GET") && customerPath.matches()) {
            var id = customerPath.group(1);
            if (!customers.contains(id) || !(caller.teller() || id.equals(caller.customerId()))) {
                return problem(404, "no such customer");
            }
            return json(200, Map.of("id", id, "name", Map.of("givenName", "Jepsen")));
        }
        var statementPath = STATEMENT.matcher(path);
        if (method.equals("GET") && statementPath.matches()) {
            var account = accounts.get(statementPath.group(1));
            if (account == null || !(caller.teller() || account.owner().equals(caller.customerId()))) {
                return problem(404, "no such account");
            }
            return json(200, Map.of("accountNumber", account.number(), "degraded", false,
                    "balance", Map.of("amount", account.balance()[0].toPlainString(), "currency", "EUR")));
        }
        var transfersPath = TRANSFERS.matcher(path);
        if (transfersPath.matches()) {
            var account = accounts.get(transfersPath.group(1));
            boolean visible = account != null && (caller.teller() || account.owner().equals(caller.customerId()));
            if (method.equals("POST")) {
                if (caller.teller()) {
                    return problem(403, "a teller moves no money");
                }
                if (!visible) {
                    return problem(404, "no such account");
                }
                return transfer(account, JSON.readTree(body), caller);
            }
            if (method.equals("GET")) {
                if (!visible) {
                    return problem(404, "no such account");
                }
                return transfersOf(account, Integer.parseInt(query.getOrDefault("page", "0")),
                        Integer.parseInt(query.getOrDefault("size", "20")));
            }
        }
        return problem(404, "not in the fake bank");
    }

    private Answer transfer(Account from, JsonNode request, Caller caller) {
        var to = accounts.get(request.path("to").asText());
        if (to == null) {
            return problem(422, "no such account to transfer to");
        }
        var amount = new BigDecimal(request.path("amount").asText());
        if (from.balance()[0].compareTo(amount) < 0) {
            return problem(422, "insufficient-funds");
        }
        from.balance()[0] = from.balance()[0].subtract(amount);
        to.balance()[0] = to.balance()[0].add(amount);
        var transfer = new Transfer(UUID.randomUUID().toString(), from.number(), to.number(), amount,
                caller.customerId());
        transfers.add(transfer);
        return json(201, Map.of("id", transfer.id()));
    }

    private Answer transfersOf(Account account, int page, int size) {
        var all = transfers.stream()
                .filter(transfer -> transfer.from().equals(account.number()) || transfer.to().equals(account.number()))
                .toList();
        var onPage = new ArrayList<Map<String, Object>>();
        all.stream().skip((long) page * size).limit(size).forEach(transfer -> onPage.add(Map.of("id", transfer.id(),
                "_links", Map.of("from", Map.of("href", url() + "/accounts/" + transfer.from()),
                        "to", Map.of("href", url() + "/accounts/" + transfer.to())))));
        int pages = (all.size() + size - 1) / size;
        return json(200, Map.of("_embedded", Map.of("transfers", onPage), "page", Map.of("totalPages", pages)));
    }

    private static Answer json(int status, Object body) {
        try {
            return new Answer(status, JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer problem(int status, String type) {
        ObjectNode problem = JSON.createObjectNode().put("type", "https://erlbank.example/problems/" + type)
                .put("status", status);
        return new Answer(status, problem.toString());
    }

    private static Map<String, String> queryOf(String rawQuery) {
        var parameters = new HashMap<String, String>();
        if (rawQuery != null) {
            for (var pair : rawQuery.split("&")) {
                var equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        return parameters;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
