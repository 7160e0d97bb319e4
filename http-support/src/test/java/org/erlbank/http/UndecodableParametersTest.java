package org.erlbank.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Requests no spec allows, on real Tomcat (parameters that cannot be decoded, given twice or empty, numbers and
 * UUIDs with spaces or in other scripts, header values beyond ASCII, nulls): a 4xx problem each. Parameters that
 * cannot be decoded, on real Tomcat (MockMvc parses parameters itself and never fails the way
 * Tomcat does): a 400 problem, never the 500 that Tomcat's exception used to become.
 */
@SpringBootTest(classes = UndecodableParametersTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "logging.level.org.erlbank.http.requests=warn", "management.tracing.sampling.probability=0" })
class UndecodableParametersTest {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = { "owner=%ff", "owner=%", "owner=%zz", "owner=%c3%28", "owner=ok&%ff=1" })
    void anUndecodableQueryIsAMalformedRequest(String query) throws IOException {
        var answer = send("GET /echo?" + query + " HTTP/1.1\r\n", "");

        assertThat(answer).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/problem+json")
                .contains("\"type\":\"https://erlbank.example/problems/malformed-request\"");
    }

    @Test
    void aDecodableQueryStillReachesTheController() throws IOException {
        var answer = send("GET /echo?owner=L%C3%B6we HTTP/1.1\r\n", "");

        assertThat(answer).startsWith("HTTP/1.1 200 ").contains("\r\n\r\nLöwe");
    }

    @ParameterizedTest
    @ValueSource(strings = { "owner=a&owner=b", "owner=", "owner", "owner=a&size=%205", "owner=a&size=0x10",
            "owner=a&size=%D9%A1", "owner=a&size=5%1F", "owner=a&id=%20c0000000-0000-4000-8000-000000000001",
            "owner=a&id=1-1-1-1-1" })
    void aParameterTwiceEmptyOrNotWrittenAsTheSpecsWriteItIsNotValid(String query) throws IOException {
        var answer = send("GET /echo?" + query + " HTTP/1.1\r\n", "");

        assertThat(answer).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/problem+json")
                .contains("\"type\":\"https://erlbank.example/problems/validation-failed\"");
    }

    @Test
    void numbersAndUuidsAsTheSpecsWriteThemAreRead() throws IOException {
        var answer = send("GET /echo?owner=a&size=-5&id=c0000000-0000-4000-8000-000000000001 HTTP/1.1\r\n", "");

        assertThat(answer).startsWith("HTTP/1.1 200 ").contains("\r\n\r\na -5 c0000000-0000-4000-8000-000000000001");
    }

    @ParameterizedTest
    @ValueSource(strings = { "X-Note: caf\u00e9", "X-Note: a\u0001b", "X-Note: \u00ff" })
    void aHeaderValueWithAControlCharacterOrBeyondAsciiIsAMalformedRequest(String header) throws IOException {
        var answer = send("GET /echo?owner=a HTTP/1.1\r\n" + header + "\r\n", "");

        assertThat(answer).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/problem+json")
                .contains("\"type\":\"https://erlbank.example/problems/malformed-request\"");
    }

    @Test
    void anOptionalFieldGivenAsNullIsNotValid() throws IOException {
        var body = "{\"name\":\"a\",\"currency\":null}";
        var answer = send("PUT /echo HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\n", body);

        assertThat(answer).startsWith("HTTP/1.1 400 ").contains("\"field\":\"currency\"")
                .contains("\"type\":\"https://erlbank.example/problems/validation-failed\"");
    }

    @Test
    void anOptionalFieldLeftOutIsFine() throws IOException {
        var body = "{\"name\":\"a\"}";
        var answer = send("PUT /echo HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\n", body);

        assertThat(answer).startsWith("HTTP/1.1 200 ").contains("\r\n\r\na null");
    }

    /**
     * Inside a JSON string: an overlong slash (which Jackson read as "/"), a UTF-8-encoded surrogate, a sequence cut
     * short, bytes UTF-8 never uses and a stray continuation byte. Given here as ISO-8859-1 characters, sent as bytes.
     */
    @ParameterizedTest
    @ValueSource(strings = { "\u00c0\u00af", "\u00e0\u0080\u00af", "\u00ed\u00a0\u0080", "\u00e0\u00a4",
            "\u00f5\u0080\u0080\u0080", "\u00ff", "\u0080", "\u00f4\u0090\u0080\u0080" })
    void aJsonBodyThatIsNotUtf8IsAMalformedRequest(String notUtf8) throws IOException {
        var body = "{\"name\":\"a" + notUtf8 + "b\"}";
        var answer = send("PUT /echo HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\n", body);

        assertThat(answer).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/problem+json")
                .contains("\"type\":\"https://erlbank.example/problems/malformed-request\"");
    }

    @Test
    void aJsonBodyInUtf8IsRead() throws IOException {
        var body = new String("{\"name\":\"L\u00f6we \ud83d\ude00\"}".getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
        var answer = send("PUT /echo HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\n", body);

        assertThat(answer).startsWith("HTTP/1.1 200 ").contains("\r\n\r\nL\u00f6we \ud83d\ude00 null");
    }

    /** A form body is Tomcat's to decode too, past the query's filter: the advice answers what Tomcat throws. */
    @Test
    void anUndecodableFormBodyIsAMalformedRequest() throws IOException {
        var answer = send("POST /echo HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 8\r\n", "owner=%f");

        assertThat(answer).startsWith("HTTP/1.1 400 ").contains("Content-Type: application/problem+json")
                .contains("\"type\":\"https://erlbank.example/problems/malformed-request\"");
    }

    private String send(String head, String body) throws IOException {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "Host: localhost\r\nConnection: close\r\n\r\n" + body)
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ Echo.class, Problems.class })
    static class App {
    }

    @RestController
    static class Echo {

        @GetMapping("/echo")
        String get(@RequestParam String owner, @RequestParam(required = false) Integer size,
                @RequestParam(required = false) UUID id) {
            return size == null && id == null ? owner : owner + " " + size + " " + id;
        }

        @PutMapping("/echo")
        String put(@RequestBody Order order) {
            return order.getName() + " " + order.getCurrency();
        }

        @PostMapping("/echo")
        String post(@RequestParam String owner) {
            return owner;
        }
    }

    /** Like the generated models: a bean with setters, in an org.erlbank package. */
    static class Order {

        private String name;
        private String currency;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getCurrency() {
            return currency;
        }

        public void setCurrency(String currency) {
            this.currency = currency;
        }

    }

    @RestControllerAdvice
    static class Problems extends ErlbankExceptionHandler {
    }
}
