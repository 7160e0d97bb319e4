package org.erlbank.customer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import org.erlbank.testing.HttpTestClient;

/**
 * {@link HttpTestClient} with a bearer token on every request, signed afresh for each: what every client of the
 * service sends. Asked for a request without one, use the plain client.
 */
final class TokenHttpClient {

    private final HttpTestClient http;
    private final Supplier<String> token;

    TokenHttpClient(HttpTestClient http, Supplier<String> token) {
        this.http = http;
        this.token = token;
    }

    /** The same client, with another caller's token. */
    TokenHttpClient as(Supplier<String> token) {
        return new TokenHttpClient(http, token);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)));
    }

    HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST with an {@code Idempotency-Key}. */
    HttpResponse<String> post(String path, String json, String idempotencyKey) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        return http.send(request.setHeader("Authorization", "Bearer " + token.get()));
    }

    URI uri(String path) {
        return http.uri(path);
    }
}
