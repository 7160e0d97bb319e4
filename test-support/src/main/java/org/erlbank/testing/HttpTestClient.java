package org.erlbank.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP against a service on a real port, for tests that mean to see what a client sees.
 */
public final class HttpTestClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final IntSupplier port;
    /** The caller's bearer token, asked for at each request; none without one. */
    private final Supplier<String> token;

    /** @param port the service's port, asked for at each request (a test's port is known only once it runs) */
    public HttpTestClient(IntSupplier port) {
        this(HttpClient.newHttpClient(), port, null);
    }

    private HttpTestClient(HttpClient http, IntSupplier port, Supplier<String> token) {
        this.http = http;
        this.port = port;
        this.token = token;
    }

    /**
     * The same client as one caller: every request carries her bearer token, asked for anew at each request (a
     * token signed afresh each time is never expired, however long the test).
     */
    public HttpTestClient as(Supplier<String> token) {
        return new HttpTestClient(http, port, java.util.Objects.requireNonNull(token, "token"));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)));
    }

    public HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json)));
    }

    /** A POST with an {@code Idempotency-Key}. */
    public HttpResponse<String> post(String path, String json, String idempotencyKey) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey).POST(BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token.get());
        }
        try {
            return http.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port.getAsInt() + path);
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Asserts an RFC 9457 problem of one of Erlbank's types. */
    public static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(response).path("type").asString()).isEqualTo("https://erlbank.example/problems/" + type);
    }
}
