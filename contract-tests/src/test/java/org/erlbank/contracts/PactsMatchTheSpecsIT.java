package org.erlbank.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.pact.PactProviderValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.erlbank.testing.BidirectionalRules;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every interaction of every pact is held against the OpenAPI file of the API it relies on: a consumer cannot rely on
 * what the contract does not say, even where today's provider happens to deliver it. A provider may publish several
 * APIs or versions (customer-service: the customer API v1 and v2), so each pact names its own in its metadata
 * ({@code providerApi}, the spec's file name under {@code api-specs/}).
 */
class PactsMatchTheSpecsIT {

    static final String PROVIDER_API = "providerApi";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TestFactory
    Stream<DynamicTest> everyPactIsAllowedByItsProvidersSpec() throws IOException {
        return pacts().map(pact -> DynamicTest.dynamicTest(pact.getFileName().toString(), () -> {
            var report = SpecCheck.of(pact);

            assertThat(report).as("%s against %s", pact.getFileName(), SpecCheck.apiOf(pact)).isEmpty();
        }));
    }

    /**
     * The specs ask for a bearer token (OAuth 2) on every operation they secure; swagger-request-validator does not
     * check OAuth 2 schemes (only API keys and HTTP ones), so this does: every such request of every pact sends
     * {@code Authorization}, and the pact matches it by a regex (any bearer token), never by the example's value,
     * which no provider could accept.
     */
    @TestFactory
    Stream<DynamicTest> everyPactSendsABearerTokenWhereItsSpecAsksForOne() throws IOException {
        return pacts().map(pact -> DynamicTest.dynamicTest(pact.getFileName().toString(), () ->
                assertThat(TokenCheck.of(pact, SpecCheck.specOf(SpecCheck.apiOf(pact))))
                        .as("%s against %s", pact.getFileName(), SpecCheck.apiOf(pact)).isEmpty()));
    }

    /** The token check fails a pact that leaves the token out, or pins the example's value. */
    @Test
    void aPactThatSendsNoTokenOrPinsItsValueFailsTheTokenCheck(@TempDir Path folder) throws IOException {
        var pact = Path.of("target/pacts/account-service-customer-service.json");
        var withoutToken = (ObjectNode) JSON.readTree(pact.toFile());
        var unmatched = withoutToken.deepCopy();
        withoutToken.path("interactions").forEach(interaction -> ((ObjectNode) interaction.path("request")
                .path("headers")).remove(PactTokens.AUTHORIZATION));
        unmatched.path("interactions").forEach(interaction -> ((ObjectNode) interaction.path("request")
                .path("matchingRules").path("header")).remove(PactTokens.AUTHORIZATION));
        var spec = SpecCheck.specOf("customer-api-v1");

        assertThat(TokenCheck.of(write(folder.resolve("without-token.json"), withoutToken), spec))
                .hasSize(2).allSatisfy(failure -> assertThat(failure).contains("sends no Authorization"));
        assertThat(TokenCheck.of(write(folder.resolve("unmatched.json"), unmatched), spec))
                .hasSize(2).allSatisfy(failure -> assertThat(failure).contains("no regex matcher"));
    }

    private static Path write(Path file, JsonNode pact) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(pact));
        return file;
    }

    @Test
    void everyPactSaysWhichBuildOfItsConsumerWroteIt() throws IOException {
        try (var pacts = pacts()) {
            pacts.forEach(pact -> assertThat(JSON.readTree(pact.toFile()).path("metadata").path("consumerVersion")
                    .asString()).as("consumerVersion of %s", pact.getFileName()).isEqualTo("0.1.0-SNAPSHOT"));
        }
    }

    @Test
    void thereIsAPactForEveryConsumer() throws IOException {
        assertThat(pacts().map(pact -> pact.getFileName().toString()))
                .contains("account-service-customer-service.json", "erlbank-hal-client-account-service.json",
                        "erlbank-hal-client-customer-service.json", "account-service-replica-customer-service.json");
    }

    /**
     * account-service stays on the customer API v1 while v2 exists, and its pact says so; held against v2, the pact
     * fails: the version it names is the one it needs.
     */
    @Test
    void accountServiceReliesOnTheCustomerApiV1() throws IOException {
        var pact = Path.of("target/pacts/account-service-customer-service.json");

        assertThat(SpecCheck.apiOf(pact)).isEqualTo("customer-api-v1");
        assertThat(SpecCheck.of(pact)).isEmpty();
        assertThat(SpecCheck.of(pact, "customer-api-v2")).contains("/customers/");
        assertThat(SpecCheck.apiOf(Path.of("target/pacts/erlbank-hal-client-customer-service.json")))
                .isEqualTo("customer-api-v2");
    }

    /**
     * The check is as strict as a broker's: a pact that relies on a property its spec does not declare, or on a
     * header that breaks its format, fails (a hand-made pact against the customer feed's spec).
     */
    @Test
    void aPactThatReliesOnWhatTheSpecDoesNotSayFails() throws IOException {
        var report = SpecCheck.of(Path.of("src/test/resources/strict-pacts/greedy-replica-customer-service.json"),
                SpecCheck.specOf("customer-feed-api-v1"));

        assertThat(report).contains("[Path '/events/0/customer'] Object instance has properties which are not allowed"
                + " by the schema: [\"region\"]")
                .contains("\"/customer-feed/pages/{page}\" is not a valid URI reference");
    }

    static Stream<Path> pacts() throws IOException {
        return Files.list(Path.of("target/pacts")).filter(file -> file.toString().endsWith(".json")).sorted();
    }

    /** The failures of a pact against its provider's spec; empty when it conforms. */
    static final class SpecCheck {

        static String of(Path pact) throws IOException {
            return of(pact, apiOf(pact));
        }

        /** The failures of a pact against the given API's spec ({@code customer-api-v2}: api-specs/customer-api-v2.yaml). */
        static String of(Path pact, String api) throws IOException {
            return of(pact, specOf(api));
        }

        /**
         * The failures of a pact against a spec file, by the rules of PactFlow's bi-directional contract testing
         * ({@link BidirectionalRules}): a team that publishes these specs and pacts to a broker sees them pass.
         */
        static String of(Path pact, Path spec) throws IOException {
            var consumer = JSON.readTree(pact.toFile()).path("consumer").path("name").asString();
            var validator = BidirectionalRules.validatorFor(spec)
                    // A pact holds only what its consumer relies on, a subset of each response: leaving out fields
                    // the spec requires is how a consumer says it does not need them, and so is leaving out a whole
                    // body (the feed follower relies on a 303's Location, not on its note). Everything a pact does
                    // say (paths, methods, statuses, media types, the fields it names and their types) must be
                    // allowed.
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.response.body.schema.required", ValidationReport.Level.IGNORE)
                            .withLevel("validation.response.body.missing", ValidationReport.Level.IGNORE)
                            .build())
                    .build();
            var results = PactProviderValidator.createFor(validator)
                    .withConsumer(consumer, pact.toAbsolutePath().toUri().toURL())
                    .build()
                    .validate();
            return results.hasErrors() ? results.getValidationFailureReport() : "";
        }

        /** The API a pact relies on, as its metadata names it; a pact that does not say fails. */
        static String apiOf(Path pact) throws IOException {
            var api = JSON.readTree(pact.toFile()).path("metadata").path(PROVIDER_API).asString("");
            assertThat(api).as("%s names the API it relies on (metadata %s)", pact.getFileName(), PROVIDER_API)
                    .isNotBlank();
            assertThat(specOf(api)).as("the spec of %s, named by %s", api, pact.getFileName()).exists();
            return api;
        }

        static Path specOf(String api) {
            return Path.of("../api-specs", api + ".yaml");
        }
    }

    /**
     * What the specs' security asks of a pact's requests: where an operation is secured (its own {@code security}, or
     * the spec's), the request sends a bearer token, matched by a regex that {@code Bearer} and a token satisfy.
     */
    static final class TokenCheck {

        private static final Pattern BEARER = Pattern.compile("Bearer [A-Za-z0-9._~+/=-]+");

        /** The requests of the pact that fail the spec's security; empty when none does. */
        static List<String> of(Path pact, Path spec) throws IOException {
            var api = new OpenAPIV3Parser().read(spec.toAbsolutePath().toString());
            var failures = new ArrayList<String>();
            for (var interaction : JSON.readTree(pact.toFile()).path("interactions")) {
                var request = interaction.path("request");
                var description = interaction.path("description").asString();
                if (!secured(api, request.path("method").asString(), request.path("path").asString())) {
                    continue;
                }
                var token = header(request.path("headers"));
                if (token == null) {
                    failures.add(description + ": sends no Authorization, which its spec asks for");
                    continue;
                }
                if (!BEARER.matcher(token).matches()) {
                    failures.add(description + ": its example Authorization is no bearer token: " + token);
                }
                var regex = matcher(request.path("matchingRules").path("header"));
                if (regex == null) {
                    failures.add(description + ": Authorization has no regex matcher, so it pins the example's value");
                } else if (!Pattern.compile(regex).matcher(token).matches()) {
                    failures.add(description + ": its Authorization matcher " + regex + " refuses its own example");
                }
            }
            return failures;
        }

        /** Whether the spec secures the operation the request is for (an unknown one is SpecCheck's to report). */
        private static boolean secured(OpenAPI api, String method, String path) {
            for (Map.Entry<String, PathItem> item : api.getPaths().entrySet()) {
                var template = Pattern.compile(item.getKey().replaceAll("\\{[^/}]+}", "[^/]+"));
                if (!template.matcher(path).matches()) {
                    continue;
                }
                var operation = item.getValue().readOperationsMap()
                        .get(PathItem.HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)));
                if (operation != null) {
                    var security = operation.getSecurity() != null ? operation.getSecurity() : api.getSecurity();
                    return security != null && !security.isEmpty();
                }
            }
            return false;
        }

        /** The {@code Authorization} header's value, by any case of its name; V4 pacts list values, V3 pacts don't. */
        private static String header(JsonNode headers) {
            for (var name : headers.propertyNames()) {
                if (name.equalsIgnoreCase(PactTokens.AUTHORIZATION)) {
                    var value = headers.path(name);
                    return value.isArray() ? value.path(0).asString() : value.asString();
                }
            }
            return null;
        }

        private static String matcher(JsonNode headerRules) {
            for (var name : headerRules.propertyNames()) {
                if (name.equalsIgnoreCase(PactTokens.AUTHORIZATION)) {
                    for (var rule : headerRules.path(name).path("matchers")) {
                        if ("regex".equals(rule.path("match").asString())) {
                            return rule.path("regex").asString();
                        }
                    }
                }
            }
            return null;
        }
    }
}
