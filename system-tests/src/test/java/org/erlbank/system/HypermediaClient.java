package org.erlbank.system;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.hateoas.MediaTypes;
import org.springframework.hateoas.client.Hop;
import org.springframework.hateoas.client.Traverson;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client that knows one URL, the root, and gets everywhere else by following link relations with Spring HATEOAS'
 * {@link Traverson}. It keeps every {@code href} of every resource it reads, so a test can check where they lead.
 */
final class HypermediaClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI root;
    private final RestTemplate http = new RestTemplate();
    private final List<String> hrefsSeen = new ArrayList<>();

    /**
     * @param token gives the bearer token each request carries (a user's, from auth-server): asked for every
     *        request, so that a renewed token is used
     */
    HypermediaClient(String root, java.util.function.Supplier<String> token) {
        this.root = URI.create(root);
        http.getInterceptors().add((request, body, execution) -> {
            request.getHeaders().setBearerAuth(token.get());
            return execution.execute(request, body);
        });
    }

    /**
     * Follows a relation from the root, expanding its template with the parameters, then further hops (relation
     * names or JsonPath expressions), and reads what they lead to.
     */
    JsonNode follow(String relation, Map<String, Object> templateParameters, String... hops) {
        var traverson = new Traverson(root, MediaTypes.HAL_JSON);
        traverson.setRestOperations(http);
        var traversal = traverson.follow(Hop.rel(relation).withParameters(templateParameters));
        for (var hop : hops) {
            traversal = traversal.follow(hop);
        }
        return read(traversal.toObject(String.class));
    }

    /** Reads a resource by a link found on another. */
    JsonNode get(String href, MediaType mediaType) {
        var headers = new HttpHeaders();
        headers.setAccept(List.of(mediaType));
        return read(http.exchange(URI.create(href), org.springframework.http.HttpMethod.GET, new HttpEntity<>(headers),
                String.class).getBody());
    }

    /** Submits a HAL-FORMS template of a resource: to its target, with its method. */
    JsonNode submit(JsonNode template, String json) {
        var headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(template.path("contentType").asString("application/json")));
        headers.setAccept(List.of(MediaTypes.HAL_JSON));
        var response = http.exchange(URI.create(template.path("target").asString()),
                org.springframework.http.HttpMethod.valueOf(template.path("method").asString()),
                new HttpEntity<>(json, headers), String.class);
        return read(response.getBody());
    }

    List<String> hrefsSeen() {
        return List.copyOf(hrefsSeen);
    }

    private JsonNode read(String body) {
        var json = JSON.readTree(body);
        json.findValues("href").forEach(href -> hrefsSeen.add(href.asString()));
        json.findValues("target").forEach(target -> hrefsSeen.add(target.asString()));
        return json;
    }
}
