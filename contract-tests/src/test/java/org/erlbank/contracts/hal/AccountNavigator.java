package org.erlbank.contracts.hal;

import java.net.URI;
import org.springframework.hateoas.MediaTypes;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A hypermedia client of account-service, as a front end would be: it knows an account's URI and nothing else,
 * finds the statement by the {@code statement} relation and the transfer by the {@code makeTransfer} HAL-FORMS
 * template, and never builds a URL. It acts for one logged-in user, with her token.
 */
public final class AccountNavigator {

    /** What the client shows of a statement. */
    public record StatementSummary(String ownerName, String balance) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient http;

    /** @param bearerToken the token of the user it acts for (a front end's, from the user's login), sent on every request */
    public AccountNavigator(String bearerToken) {
        this.http = RestClient.builder().defaultHeaders(headers -> headers.setBearerAuth(bearerToken)).build();
    }

    public StatementSummary statementOf(URI account) {
        var statement = get(URI.create(get(account, MediaTypes.HAL_JSON).path("_links").path("statement").path("href")
                .asString()), MediaTypes.HAL_JSON);
        return new StatementSummary(statement.path("ownerName").asString(),
                statement.path("balance").path("amount").asString());
    }

    /** Makes a transfer through the account's template and answers the new transfer's URI. */
    public URI transfer(URI account, String toAccountNumber, String amount) {
        var template = get(account, MediaTypes.HAL_FORMS_JSON).path("_templates").path("makeTransfer");
        var body = JSON.createObjectNode().put("to", toAccountNumber).put("amount", amount).toString();
        var transfer = JSON.readTree(http.method(org.springframework.http.HttpMethod.valueOf(
                        template.path("method").asString()))
                .uri(URI.create(template.path("target").asString()))
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaTypes.HAL_JSON)
                .body(body)
                .retrieve()
                .body(String.class));
        return URI.create(transfer.path("_links").path("self").path("href").asString());
    }

    private JsonNode get(URI uri, MediaType mediaType) {
        return JSON.readTree(http.get().uri(uri).accept(mediaType).retrieve().body(String.class));
    }
}
