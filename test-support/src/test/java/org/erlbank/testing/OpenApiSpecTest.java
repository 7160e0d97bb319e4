package org.erlbank.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenApiSpec#assertAllows} fails on what a spec does not allow, by the bi-directional rules: an undeclared
 * status, an undeclared property (also inside an object that declares none), a header that breaks its format.
 */
class OpenApiSpecTest {

    private static final OpenApiSpec SPEC = OpenApiSpec.at(Path.of("src/test/resources/things-api-v1.yaml"));
    private static final String THING = "{\"_links\":{\"self\":{\"href\":\"http://x/things/1\"}},\"name\":\"one\"}";

    @Test
    void allowsAnAnswerTheSpecDescribes() {
        assertThatCode(() -> SPEC.assertAllows(answer(200, THING, Map.of("Location", "http://x/things/1",
                "Content-Location", "/things/1")), 200)).doesNotThrowAnyException();
    }

    @Test
    void refusesAStatusTheSpecDoesNotDeclare() {
        assertThatThrownBy(() -> SPEC.assertAllows(answer(500, "{\"title\":\"oops\"}", Map.of())))
                .hasMessageContaining("500");
    }

    @Test
    void refusesAStatusTheTestDoesNotExpect() {
        assertThatThrownBy(() -> SPEC.assertAllows(answer(200, THING, Map.of()), 201)).hasMessageContaining("201");
    }

    @Test
    void refusesAPropertyTheSchemaDoesNotDeclare() {
        var withColour = THING.replace("\"name\":", "\"colour\":\"red\",\"name\":");

        assertThatThrownBy(() -> SPEC.assertAllows(answer(200, withColour, Map.of()))).hasMessageContaining("colour");
    }

    @Test
    void refusesAPropertyInAnObjectThatDeclaresNone() {
        var withExtras = THING.replace("\"name\":", "\"extras\":{\"method\":\"PUT\"},\"name\":");

        assertThatThrownBy(() -> SPEC.assertAllows(answer(200, withExtras, Map.of()))).hasMessageContaining("method");
    }

    @Test
    void refusesAPropertyInAnUndeclaredProblemField() {
        assertThatThrownBy(() -> SPEC.assertAllows(answer(404, "{\"title\":\"gone\",\"trace\":\"1\"}", Map.of(),
                "application/problem+json"))).hasMessageContaining("trace");
    }

    @Test
    void refusesARelativeReferenceWhereTheSpecSaysUri() {
        assertThatThrownBy(() -> SPEC.assertAllows(answer(200, THING, Map.of("Location", "/things/1"))))
                .hasMessageContaining("\"/things/1\" is not a valid absolute URI");
    }

    @Test
    void refusesAHeaderThatIsNoUriReferenceAtAll() {
        assertThatThrownBy(() -> SPEC.assertAllows(answer(200, THING, Map.of("Content-Location", "/things/ 1"))))
                .hasMessageContaining("\"/things/ 1\" is not a valid URI reference");
    }

    private static HttpResponse<String> answer(int status, String body, Map<String, String> headers) {
        return answer(status, body, headers, "application/hal+json");
    }

    private static HttpResponse<String> answer(int status, String body, Map<String, String> headers,
            String contentType) {
        var request = HttpRequest.newBuilder(URI.create("http://x/things/1")).GET().build();
        var all = new java.util.HashMap<String, List<String>>();
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        all.put("Content-Type", List.of(contentType));
        return new Answer(request, status, HttpHeaders.of(all, (name, value) -> true), body);
    }

    /** A response as {@link HttpClient} would give it, without a server. */
    private record Answer(HttpRequest request, int statusCode, HttpHeaders headers, String body)
            implements HttpResponse<String> {

        @Override
        public Optional<HttpResponse<String>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
