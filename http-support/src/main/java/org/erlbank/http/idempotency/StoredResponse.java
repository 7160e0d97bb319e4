package org.erlbank.http.idempotency;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;

/**
 * The answer to a request made with an idempotency key, as stored to be given again: status, the headers a client
 * needs ({@code Location}, {@code Content-Type}, {@code ETag}) and the body.
 */
record StoredResponse(int status, String headers, String body) {

    static final List<String> KEPT_HEADERS =
            List.of(HttpHeaders.LOCATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG);

    static StoredResponse of(HttpServletResponse response, byte[] body) {
        var headers = new StringBuilder();
        for (var name : KEPT_HEADERS) {
            var value = response.getHeader(name);
            if (value != null) {
                headers.append(name).append(": ").append(value).append('\n');
            }
        }
        return new StoredResponse(response.getStatus(), headers.toString(), new String(body, StandardCharsets.UTF_8));
    }

    void replayTo(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        headers.lines().filter(line -> line.contains(": ")).forEach(line -> {
            var separator = line.indexOf(": ");
            response.setHeader(line.substring(0, separator), line.substring(separator + 2));
        });
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
