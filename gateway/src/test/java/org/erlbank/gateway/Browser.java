package org.erlbank.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a browser does with the gateway, written out: it keeps the cookies it is given (one host, so by name), sends
 * them back, and follows no redirect by itself, so that a test sees each step.
 */
final class Browser {

    static final String NAVIGATION = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** A page the user navigates to. */
    HttpResponse<String> navigate(URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Accept", NAVIGATION));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").forEach(this::keep);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String cookie(String name) {
        return cookies.get(name);
    }

    /** The cookies a response set, each as its Set-Cookie header says (attributes included). */
    static List<String> setCookies(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith(name + "="))
                .toList();
    }

    private void keep(String setCookie) {
        var nameAndValue = setCookie.split(";", 2)[0];
        var name = nameAndValue.substring(0, nameAndValue.indexOf('=')).strip();
        var value = nameAndValue.substring(nameAndValue.indexOf('=') + 1).strip();
        if (value.isEmpty() || setCookie.toLowerCase(Locale.ROOT).contains("max-age=0")) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }
}
