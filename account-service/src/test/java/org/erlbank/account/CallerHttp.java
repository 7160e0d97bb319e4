package org.erlbank.account;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.erlbank.testing.HttpTestClient;

/**
 * {@link HttpTestClient} as one caller: every request carries her bearer token (signed anew for each request, so a
 * long test never sends an expired one).
 */
final class CallerHttp {

    private final HttpTestClient http;
    private final Supplier<String> token;

    CallerHttp(IntSupplier port, Supplier<String> token) {
        this.http = new HttpTestClient(port);
        this.token = token;
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
        return http.send(request.header("Authorization", "Bearer " + token.get()));
    }

    URI uri(String path) {
        return http.uri(path);
    }
}
