package org.erlbank.contracts.hal;

import java.net.URI;
import org.springframework.hateoas.MediaTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A hypermedia client of the customer API v2, as a front end would be: it knows a customer's URI and nothing else,
 * changes the address through the {@code changeCustomer} HAL-FORMS template with the {@code ETag} it read, and never
 * builds a URL. It acts for one logged-in user, with her token.
 */
public final class CustomerNavigator {

    /** What the client shows of a customer. */
    public record Card(String name, String city, String country) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient http;

    /** @param bearerToken the token of the user it acts for (a front end's, from the user's login), sent on every request */
    public CustomerNavigator(String bearerToken) {
        this.http = RestClient.builder().defaultHeaders(headers -> headers.setBearerAuth(bearerToken)).build();
    }

    public Card cardOf(URI customer) {
        return card(JSON.readTree(http.get().uri(customer).accept(MediaTypes.HAL_JSON).retrieve().body(String.class)));
    }

    /** Moves the customer to another street and city in the same country, keeping the name. */
    public Card move(URI customer, String street, String postalCode, String city) {
        var read = http.get().uri(customer).accept(MediaTypes.HAL_FORMS_JSON).retrieve().toEntity(String.class);
        var resource = JSON.readTree(read.getBody());
        var template = resource.path("_templates").path("changeCustomer");
        var body = JSON.createObjectNode();
        body.set("name", resource.path("name"));
        body.putObject("postalAddress").put("street", street).put("postalCode", postalCode).put("city", city)
                .put("country", resource.path("postalAddress").path("country").asString());
        var changed = http.method(HttpMethod.valueOf(template.path("method").asString()))
                // HAL-FORMS: a template without a target acts on the resource itself.
                .uri(URI.create(template.path("target").asString(
                        resource.path("_links").path("self").path("href").asString())))
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaTypes.HAL_JSON)
                .header(HttpHeaders.IF_MATCH, read.getHeaders().getETag())
                .body(body.toString())
                .retrieve()
                .body(String.class);
        return card(JSON.readTree(changed));
    }

    private static Card card(JsonNode customer) {
        var name = customer.path("name");
        var address = customer.path("postalAddress");
        return new Card(name.path("givenName").asString() + " " + name.path("familyName").asString(),
                address.path("city").asString(), address.path("country").asString());
    }
}
