package org.erlbank.apispecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The breaking-change gate: every spec is compared with the last release of its major version
 * ({@code released/}), and a change that would break a client of that release fails the build with openapi-diff's
 * report. Every spec in {@code api-specs/} is served, so every one needs a baseline: a spec without one fails the
 * build, or a field could be removed from it unnoticed. A new major version is released (copied there) with the
 * commit that adds it.
 */
class CompatibilityGateTest {

    private static final Path RELEASED = Path.of("released");

    @TestFactory
    Stream<DynamicTest> everySpecKeepsTheLastReleaseOfItsMajorVersionWorking() throws IOException {
        try (var files = Files.list(Path.of("."))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().toList().stream()
                    .map(spec -> DynamicTest.dynamicTest(spec.getFileName().toString(),
                            () -> keepsItsLastReleaseWorking(spec, RELEASED)));
        }
    }

    @Test
    void aServedSpecWithoutABaselineFails(@TempDir Path noReleases) {
        assertThatThrownBy(() -> keepsItsLastReleaseWorking(Path.of("customer-api-v2.yaml"), noReleases))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("customer-api-v2.yaml has no released baseline");
    }

    @Test
    void everyServedSpecHasABaseline() {
        assertThat(RELEASED.resolve("customer-api-v2.yaml")).exists();
        assertThat(RELEASED.resolve("customer-feed-api-v1.yaml")).exists();
    }

    @Test
    void everyReleasedSpecStillHasItsSpec() throws IOException {
        try (var released = Files.list(RELEASED)) {
            assertThat(released.filter(file -> file.toString().endsWith(".yaml")))
                    .allSatisfy(file -> assertThat(Path.of(file.getFileName().toString())).exists());
        }
    }

    @Test
    void removingAFieldClientsReadIsCaughtAndNamed() throws IOException {
        var released = Files.readString(RELEASED.resolve("customer-api-v1.yaml"));
        var withoutSurname = released
                .replace("          required: [id, givenName, surname]\n", "          required: [id, givenName]\n")
                .replace("            surname:\n              type: string\n              example: Lovelace\n", "");
        assertThat(withoutSurname).isNotEqualTo(released);

        var verdict = CompatibilityGate.compare(released, withoutSurname);

        assertThat(verdict.incompatible()).as(verdict.report()).isTrue();
        assertThat(verdict.report()).contains("surname");
    }

    @Test
    void removingAFieldFromV2IsCaughtAndNamed() throws IOException {
        var released = Files.readString(RELEASED.resolve("customer-api-v2.yaml"));
        var withoutCity = released
                .replace("      required: [street, postalCode, city, country]\n",
                        "      required: [street, postalCode, country]\n")
                .replace("        city:\n          type: string\n          minLength: 1\n          maxLength: 100\n"
                        + "          pattern: '^(?!\\s*$)[^\\u0000-\\u001F\\u007F]+$'\n          example: London\n", "");
        assertThat(withoutCity).doesNotContain("        city:\n", "city, country]");

        var verdict = CompatibilityGate.compare(released, withoutCity);

        assertThat(verdict.incompatible()).as(verdict.report()).isTrue();
        assertThat(verdict.report()).contains("city");
    }

    @Test
    void removingAFieldFromTheFeedIsCaughtAndNamed() throws IOException {
        var released = Files.readString(RELEASED.resolve("customer-feed-api-v1.yaml"));
        var withoutOccurredAt = released
                .replace("      required: [position, type, customerId, occurredAt, customer]\n",
                        "      required: [position, type, customerId, customer]\n")
                .replace("        occurredAt:\n          type: string\n          format: date-time\n", "");
        assertThat(withoutOccurredAt).doesNotContain("occurredAt");

        var verdict = CompatibilityGate.compare(released, withoutOccurredAt);

        assertThat(verdict.incompatible()).as(verdict.report()).isTrue();
        assertThat(verdict.report()).contains("occurredAt");
    }

    @Test
    void anOptionalFieldMoreIsACompatibleChange() throws IOException {
        var released = Files.readString(RELEASED.resolve("customer-api-v1.yaml"));
        var withMiddleName = released.replace(
                "            surname:\n              type: string\n              example: Lovelace\n",
                "            surname:\n              type: string\n              example: Lovelace\n"
                        + "            middleName:\n              type: string\n");
        assertThat(withMiddleName).isNotEqualTo(released);

        var verdict = CompatibilityGate.compare(released, withMiddleName);

        assertThat(verdict.changed()).as("the gate sees the change").isTrue();
        assertThat(verdict.incompatible()).as(verdict.report()).isFalse();
    }

    /** Asserts that a spec has a baseline in the given folder and that it keeps that baseline's clients working. */
    private static void keepsItsLastReleaseWorking(Path spec, Path released) throws IOException {
        var baseline = released.resolve(spec.getFileName());
        assertThat(baseline)
                .as("%s has no released baseline: every spec in api-specs/ is served, so release it (copy it to %s)",
                        spec.getFileName(), baseline)
                .exists();

        var verdict = CompatibilityGate.compare(Files.readString(baseline), Files.readString(spec));

        assertThat(verdict.incompatible())
                .as("%s breaks clients of its last release (%s):%n%s", spec, baseline, verdict.report())
                .isFalse();
    }

    @Test
    void aRenamedPathIsCaught() throws IOException {
        var released = Files.readString(RELEASED.resolve("account-api-v1.yaml"));
        var renamed = released.replace("  /accounts/{accountNumber}/statement:", "  /accounts/{accountNumber}/statements:");
        assertThat(renamed).isNotEqualTo(released);

        var verdict = CompatibilityGate.compare(released, renamed);

        assertThat(verdict.incompatible()).as(verdict.report()).isTrue();
        assertThat(verdict.report()).contains("/accounts/{accountNumber}/statement");
    }
}
