package org.erlbank.apispecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The breaking-change gate: every spec is compared with the last release of its major version
 * ({@code released/}), and a change that would break a client of that release fails the build with openapi-diff's
 * report. A new major version (no release yet) has nothing to be compatible with.
 */
class CompatibilityGateTest {

    private static final Path RELEASED = Path.of("released");

    @TestFactory
    Stream<DynamicTest> everySpecKeepsTheLastReleaseOfItsMajorVersionWorking() throws IOException {
        try (var files = Files.list(Path.of("."))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().toList().stream()
                    .filter(spec -> Files.exists(RELEASED.resolve(spec.getFileName())))
                    .map(spec -> DynamicTest.dynamicTest(spec.getFileName().toString(), () -> {
                        var verdict = CompatibilityGate.compare(
                                Files.readString(RELEASED.resolve(spec.getFileName())), Files.readString(spec));

                        assertThat(verdict.incompatible())
                                .as("%s breaks clients of its last release (released/%s):%n%s", spec,
                                        spec.getFileName(), verdict.report())
                                .isFalse();
                    }));
        }
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
