package org.erlbank.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A corpus of requests no client should send, per endpoint of both APIs: broken JSON, wrong types, missing and
 * unknown fields, out-of-range numbers and amounts, long strings, invalid UTF-8, bodies over the limit, wrong media
 * types, wrong methods, odd path segments, bad preconditions and idempotency keys. Each must be answered with a 4xx
 * problem, and none may change anything.
 */
final class HostileRequests {

    /** One hostile request, named for the report. */
    record Case(String name, HttpRequest.Builder request) {
    }

    static final String ADA = "c0000000-0000-4000-8000-000000000001";
    private static final String JSON = "application/json";

    private HostileRequests() {
    }

    static List<Case> againstCustomers(String base) {
        var cases = new ArrayList<Case>();
        var customers = base + "/customers";
        var ada = customers + "/" + ADA;
        for (var body : bodies("givenName", "surname", "\"Ada\"", "\"Lovelace\"")) {
            cases.add(post("POST /customers " + body.name(), customers, JSON, body.bytes()));
            cases.add(put("PUT /customers/{id} " + body.name(), ada, "\"0\"", body.bytes()));
        }
        var valid = "{\"givenName\":\"Eve\",\"surname\":\"Hostile\"}".getBytes(StandardCharsets.UTF_8);
        cases.addAll(preconditions("PUT /customers/{id}", ada, valid));
        cases.addAll(common("/customers", customers, valid));
        cases.add(get("GET /customers?size=-1", customers + "?size=-1"));
        cases.add(get("GET /customers?size=100000", customers + "?size=100000"));
        cases.add(get("GET /customers?page=abc", customers + "?page=abc"));
        for (var id : oddIds()) {
            cases.add(get("GET /customers/" + abbreviate(id), customers + "/" + id));
        }
        return cases;
    }

    /** The customer API v2: the same, with its nested name and postal address broken part by part too. */
    static List<Case> againstCustomersV2(String base) {
        var cases = new ArrayList<Case>();
        var customers = base + "/v2/customers";
        var ada = customers + "/" + ADA;
        var name = "{\"givenName\":\"Eve\",\"familyName\":\"Hostile\"}";
        var address = "{\"street\":\"1 Main Street\",\"postalCode\":\"10001\",\"city\":\"New York\",\"country\":\"US\"}";
        var broken = new ArrayList<>(bodies("name", "postalAddress", name, address));
        for (var part : List.of("\"street\":\"\"", "\"street\":\"" + "s".repeat(201) + "\"", "\"postalCode\":\"$$$\"",
                "\"postalCode\":\"12345678901234567\"", "\"city\":null", "\"city\":\"a\\u0007b\"",
                "\"country\":\"gb\"", "\"country\":\"XX\"", "\"country\":\"GBR\"", "\"country\":49",
                "\"planet\":\"Mars\"")) {
            var key = part.substring(1, part.indexOf('"', 1));
            var changed = address.contains("\"" + key + "\"")
                    ? address.replaceFirst("\"" + key + "\":(\"[^\"]*\"|null)", java.util.regex.Matcher.quoteReplacement(part))
                    : address.replace("}", "," + part + "}");
            broken.add(body("postalAddress with " + abbreviate(part), "{\"name\":" + name + ",\"postalAddress\":"
                    + changed + "}"));
        }
        for (var part : List.of("{\"givenName\":\"Eve\"}", "{\"givenName\":\"Eve\",\"surname\":\"Hostile\"}",
                "{\"givenName\":\"\u00a0\",\"familyName\":\"Hostile\"}", "\"Eve Hostile\"")) {
            broken.add(body("name " + abbreviate(part), "{\"name\":" + part + ",\"postalAddress\":" + address + "}"));
        }
        broken.add(body("the v1 shape", "{\"givenName\":\"Eve\",\"surname\":\"Hostile\"}"));
        for (var body : broken) {
            cases.add(post("POST /v2/customers " + body.name(), customers, JSON, body.bytes()));
            cases.add(put("PUT /v2/customers/{id} " + body.name(), ada, "\"0\"", body.bytes()));
        }
        var valid = ("{\"name\":" + name + ",\"postalAddress\":" + address + "}").getBytes(StandardCharsets.UTF_8);
        cases.addAll(preconditions("PUT /v2/customers/{id}", ada, valid));
        cases.addAll(common("/v2/customers", customers, valid));
        cases.add(get("GET /v2/customers?familyName= (empty)", customers + "?familyName="));
        cases.add(get("GET /v2/customers?familyName of 101 characters", customers + "?familyName=" + "x".repeat(101)));
        cases.add(get("GET /v2/customers?size=0", customers + "?size=0"));
        for (var id : oddIds()) {
            cases.add(get("GET /v2/customers/" + abbreviate(id), customers + "/" + id));
        }
        return cases;
    }

    /** The customer feed: it only reads, so odd pages and positions, and methods it does not offer. */
    static List<Case> againstCustomerFeed(String base) {
        var cases = new ArrayList<Case>();
        var feed = base + "/customer-feed";
        for (var page : List.of("-1", "x", "1.5", "99999999999999999999", "1000000000001", "%00", "%E0%A4")) {
            cases.add(get("GET /customer-feed/pages/" + page, feed + "/pages/" + page));
        }
        for (var query : List.of("", "?position=0", "?position=-5", "?position=abc", "?position=",
                "?position=100000000000001")) {
            cases.add(get("GET /customer-feed/from" + query, feed + "/from" + query));
        }
        cases.add(post("POST /customer-feed", feed, JSON, "{}".getBytes(StandardCharsets.UTF_8)));
        cases.add(new Case("DELETE /customer-feed/pages/0", HttpRequest.newBuilder(URI.create(feed + "/pages/0"))
                .DELETE()));
        cases.add(new Case("GET /customer-feed accepting only XML", HttpRequest.newBuilder(URI.create(feed))
                .header("Accept", "application/xml").GET()));
        return cases;
    }

    static List<Case> againstAccounts(String base) {
        var cases = new ArrayList<Case>();
        var accounts = base + "/accounts";
        var transfers = accounts + "/10000001/transfers";
        for (var body : bodies("to", "amount", "\"10000002\"", "\"1.00\"")) {
            cases.add(post("POST /accounts/{n}/transfers " + body.name(), transfers, JSON, body.bytes()));
        }
        for (var amount : List.of("\"1.001\"", "\"0\"", "\"0.00\"", "\"-1.00\"", "\"1e3\"", "\"abc\"", "12.5",
                "\"99999999999999.00\"", "\"\"", "null", "\" 1.00\"", "\"1,00\"")) {
            cases.add(post("POST /accounts/{n}/transfers amount " + amount, transfers, JSON,
                    ("{\"to\":\"10000002\",\"amount\":" + amount + "}").getBytes(StandardCharsets.UTF_8)));
        }
        for (var to : List.of("\"1\"", "\"10000001\"", "\"99999999\"", "\"abcdefgh\"", "10000002")) {
            cases.add(post("POST /accounts/{n}/transfers to " + to, transfers, JSON,
                    ("{\"to\":" + to + ",\"amount\":\"1.00\"}").getBytes(StandardCharsets.UTF_8)));
        }
        cases.add(post("POST /accounts/{n}/transfers more than the balance", transfers, JSON,
                "{\"to\":\"10000002\",\"amount\":\"9999999999999.99\"}".getBytes(StandardCharsets.UTF_8)));
        cases.add(post("POST /accounts/99999999/transfers", accounts + "/99999999/transfers", JSON,
                "{\"to\":\"10000002\",\"amount\":\"1.00\"}".getBytes(StandardCharsets.UTF_8)));
        for (var owner : List.of("\"not-a-customer\"", "\"\"", "123", "\"c0000000-0000-4000-8000-000000000099\"",
                "\"http://evil.example/customers/" + ADA + "x\"", "\"" + "x".repeat(3000) + "\"")) {
            cases.add(post("POST /accounts owner " + abbreviate(owner), accounts, JSON,
                    ("{\"owner\":" + owner + "}").getBytes(StandardCharsets.UTF_8)));
        }
        var valid = "{\"to\":\"10000002\",\"amount\":\"1.00\"}".getBytes(StandardCharsets.UTF_8);
        cases.addAll(common("/accounts/{n}/transfers", transfers, valid));
        cases.add(put("PUT /accounts/{n}", accounts + "/10000001", null, valid));
        cases.add(get("GET /accounts?owner=nobody", accounts + "?owner=nobody"));
        cases.add(get("GET /accounts/{n}/transfers?size=0", transfers + "?size=0"));
        for (var id : oddIds()) {
            cases.add(get("GET /accounts/" + abbreviate(id), accounts + "/" + id));
            cases.add(get("GET /accounts/" + abbreviate(id) + "/statement", accounts + "/" + id + "/statement"));
            cases.add(get("GET /transfers/" + abbreviate(id), base + "/transfers/" + id));
        }
        return cases;
    }

    /** Media types, methods, sizes and keys, for a POST endpoint. */
    private static List<Case> common(String name, String uri, byte[] valid) {
        var cases = new ArrayList<Case>();
        cases.add(post("POST " + name + " as text/plain", uri, "text/plain", valid));
        cases.add(post("POST " + name + " as XML", uri, "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8)));
        cases.add(new Case("POST " + name + " accepting only PNG", HttpRequest.newBuilder(URI.create(uri))
                .header("Content-Type", JSON).header("Accept", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(valid))));
        cases.add(post("POST " + name + " of 100 KB", uri, JSON,
                ("{\"x\":\"" + "a".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8)));
        cases.add(new Case("DELETE " + name, HttpRequest.newBuilder(URI.create(uri)).DELETE()));
        cases.add(new Case("POST " + name + " with a 300-character Idempotency-Key",
                HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", JSON)
                        .header("Idempotency-Key", "k".repeat(300))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(valid))));
        return cases;
    }

    private record Body(String name, byte[] bytes) {
    }

    /** Broken bodies for an object of two string fields. */
    private static List<Body> bodies(String first, String second, String firstValue, String secondValue) {
        var bodies = new ArrayList<Body>();
        bodies.add(body("empty", ""));
        bodies.add(body("not JSON", "hello"));
        bodies.add(body("truncated JSON", "{\"" + first + "\":" + firstValue));
        bodies.add(body("a JSON array", "[]"));
        bodies.add(body("a JSON string", "\"x\""));
        bodies.add(body("null", "null"));
        bodies.add(body("no fields", "{}"));
        bodies.add(body("without " + second, "{\"" + first + "\":" + firstValue + "}"));
        bodies.add(body("with an unknown field", "{\"" + first + "\":" + firstValue + ",\"" + second + "\":"
                + secondValue + ",\"admin\":true}"));
        bodies.add(body(first + " a number", "{\"" + first + "\":12,\"" + second + "\":" + secondValue + "}"));
        bodies.add(body(first + " an object", "{\"" + first + "\":{},\"" + second + "\":" + secondValue + "}"));
        bodies.add(body(first + " null", "{\"" + first + "\":null,\"" + second + "\":" + secondValue + "}"));
        bodies.add(body(first + " of 10,000 characters", "{\"" + first + "\":\"" + "x".repeat(10_000) + "\",\""
                + second + "\":" + secondValue + "}"));
        bodies.add(body(first + " with a control character", "{\"" + first + "\":\"a\\u0000b\",\"" + second + "\":"
                + secondValue + "}"));
        bodies.add(body("a field twice", "{\"" + first + "\":" + firstValue + ",\"" + first + "\":" + firstValue
                + ",\"" + second + "\":" + secondValue + "}"));
        bodies.add(body("deeply nested", "{\"" + first + "\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"));
        var invalidUtf8 = ("{\"" + first + "\":\"a\u0001b\",\"" + second + "\":" + secondValue + "}")
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < invalidUtf8.length; i++) {
            if (invalidUtf8[i] == 0x01) {
                invalidUtf8[i] = (byte) 0xC3; // starts a two-byte sequence that the next byte does not continue
            }
        }
        bodies.add(new Body("invalid UTF-8", invalidUtf8));
        return bodies;
    }

    private static List<String> oddIds() {
        return List.of("abc", "-1", "1e3", "99999999999999999999", "%2F", "..%2F..%2Factuator%2Fenv", "%00",
                "%E0%A4", "x".repeat(5_000), "10000001%20", "c0000000-0000-4000-8000-00000000000Z");
    }

    private static Body body(String name, String json) {
        return new Body(name, json.getBytes(StandardCharsets.UTF_8));
    }

    private static Case post(String name, String uri, String contentType, byte[] body) {
        return new Case(name, HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A JSON {@code PUT}, with {@code If-Match} when one is given. */
    private static Case put(String name, String uri, String ifMatch, byte[] body) {
        var request = HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", JSON);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return new Case(name, request.PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A valid change without the precondition it needs ({@code If-Match}), and with a stale one. */
    private static List<Case> preconditions(String name, String uri, byte[] valid) {
        return List.of(put(name + " without If-Match", uri, null, valid),
                put(name + " with a stale If-Match", uri, "\"999999\"", valid));
    }

    private static Case get(String name, String uri) {
        return new Case(name, HttpRequest.newBuilder(URI.create(uri)).GET());
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 20) + "...(" + text.length() + " chars)" : text;
    }
}
