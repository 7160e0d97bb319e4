package org.erlbank.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.pact.PactProviderValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.erlbank.testing.BidirectionalRules;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.json.JsonMapper;

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
}
