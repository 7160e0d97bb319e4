package org.erlbank.gateway;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The gateway's packages as the code's layout promises them: one package per feature (the edge every request
 * passes, the root resource), features that do not depend on each other in a circle. The gateway is all web, so it
 * has no domain for a web adapter to sit on. Reads the compiled classes only (no Spring context). The rule is
 * checked against a small fixture in {@code org.erlbank.gateway.architecture} too, which breaks it on purpose: a rule
 * that cannot fail proves nothing.
 */
class ArchitectureTest {

    private static final String GATEWAY = "org.erlbank.gateway";
    private static final String FIXTURES = GATEWAY + ".architecture";

    /** The gateway's own classes, as compiled from src/main (tests and jars not). */
    private static final JavaClasses GATEWAY_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(GATEWAY);

    @Test
    void featuresDependOnEachOtherWithoutCycles() {
        featuresFreeOfCycles(GATEWAY).check(GATEWAY_CLASSES);
    }

    @Test
    void aCycleBetweenTwoFeaturesBreaksTheRule() {
        var cyclic = FIXTURES + ".cyclic";

        assertThatThrownBy(() -> featuresFreeOfCycles(cyclic).check(fixture(cyclic)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected: Slice orders ->")
                .hasMessageContaining("Slice payments ->");
    }

    /** Every package right below {@code root} is a feature, with everything beneath it. */
    static ArchRule featuresFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").namingSlices("Slice $1").should().beFreeOfCycles();
    }

    private static JavaClasses fixture(String root) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(root);
    }
}
