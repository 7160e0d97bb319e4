package org.erlbank.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client sends: broken escapes and raw bytes in the target,
 * control characters in header values, a header twice. One connection per request ({@code Connection: close}).
 */
final class RawHttp {

    /** An answer: its status, its {@code Content-Type} ({@code ""} if none) and its body as UTF-8. */
    record Response(int status, String contentType, String body) {
    }

    private RawHttp() {
    }

    static Response send(String base, SpecHostileCorpus.Request request, Duration timeout) throws IOException {
        var uri = URI.create(base);
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            try {
                socket.getOutputStream().write(request.bytes(uri.getHost() + ":" + uri.getPort()));
                socket.getOutputStream().flush();
            } catch (IOException refusedBeforeTheEnd) {
                // The server may answer and close before it has read everything: its answer is still there to read.
            }
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    static Response parse(byte[] raw) {
        var text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Response(0, "", text.substring(0, Math.min(200, text.length())));
        }
        var lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        String contentType = "";
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            var name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            var value = lines[i].substring(colon + 1).trim();
            if (name.equals("content-type")) {
                contentType = value;
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        var body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        return new Response(status, contentType, new String(chunked ? unchunk(body) : body, StandardCharsets.UTF_8));
    }

    private static byte[] unchunk(byte[] body) {
        var out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = at;
            while (lineEnd + 1 < body.length && !(body[lineEnd] == '\r' && body[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            var sizeField = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(sizeField.split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, Math.min(size, body.length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }
}
