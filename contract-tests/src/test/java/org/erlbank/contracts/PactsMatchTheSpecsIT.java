package org.erlbank.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.pact.PactProviderValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every interaction of every pact is held against its provider's OpenAPI file: a consumer cannot rely on what the
 * contract does not say, even where today's provider happens to deliver it.
 */
class PactsMatchTheSpecsIT {

    /** Which spec each provider publishes. */
    static final Map<String, String> SPECS = Map.of(
            "customer-service", "../api-specs/customer-api-v1.yaml",
            "account-service", "../api-specs/account-api-v1.yaml");

    @TestFactory
    Stream<DynamicTest> everyPactIsAllowedByItsProvidersSpec() throws IOException {
        return pacts().map(pact -> DynamicTest.dynamicTest(pact.getFileName().toString(), () -> {
            var report = SpecCheck.of(pact);

            assertThat(report).as("%s against %s", pact.getFileName(), SpecCheck.specOf(pact)).isEmpty();
        }));
    }

    @Test
    void everyPactSaysWhichBuildOfItsConsumerWroteIt() throws IOException {
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        try (var pacts = pacts()) {
            pacts.forEach(pact -> assertThat(json.readTree(pact.toFile()).path("metadata").path("consumerVersion")
                    .asString()).as("consumerVersion of %s", pact.getFileName()).isEqualTo("0.1.0-SNAPSHOT"));
        }
    }

    @Test
    void thereIsAPactForEveryConsumer() throws IOException {
        assertThat(pacts().map(pact -> pact.getFileName().toString()))
                .contains("account-service-customer-service.json", "erlbank-hal-client-account-service.json");
    }

    static Stream<Path> pacts() throws IOException {
        return Files.list(Path.of("target/pacts")).filter(file -> file.toString().endsWith(".json")).sorted();
    }

    /** The failures of a pact against its provider's spec; empty when it conforms. */
    static final class SpecCheck {

        static String of(Path pact) throws IOException {
            var name = pact.getFileName().toString().replace(".json", "");
            var provider = SPECS.keySet().stream().filter(name::endsWith).findFirst().orElseThrow(
                    () -> new IllegalStateException("no spec known for the provider of " + pact));
            var consumer = name.substring(0, name.length() - provider.length() - 1);
            var validator = OpenApiInteractionValidator.createForSpecificationUrl(
                            Path.of(SPECS.get(provider)).toAbsolutePath().toUri().toString())
                    // HAL resources are allOf: [HalResource, {...}] in the specs.
                    .withResolveCombinators(true)
                    // A pact holds only what its consumer relies on, a subset of each response: leaving out fields
                    // the spec requires is how a consumer says it does not need them. Everything a pact does say
                    // (paths, methods, statuses, media types, the fields it names and their types) must be allowed.
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.response.body.schema.required", ValidationReport.Level.IGNORE)
                            .build())
                    .build();
            var results = PactProviderValidator.createFor(validator)
                    .withConsumer(consumer, pact.toAbsolutePath().toUri().toURL())
                    .build()
                    .validate();
            return results.hasErrors() ? results.getValidationFailureReport() : "";
        }

        static String specOf(Path pact) {
            return SPECS.entrySet().stream().filter(spec -> pact.getFileName().toString().contains(spec.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse("?");
        }
    }
}
