package org.erlbank.account;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * account-service's packages as the code's layout promises them: one package per feature, features that do not
 * depend on each other in a circle, and each feature's {@code web} adapter on top of its domain, never below it.
 * Reads the compiled classes only (no Spring context). The rules are checked against small fixtures in
 * {@code org.erlbank.account.architecture} too, which break them on purpose: a rule that cannot fail proves nothing.
 */
class ArchitectureTest {

    private static final String SERVICE = "org.erlbank.account";
    private static final String FIXTURES = SERVICE + ".architecture";

    /** The service's own classes, as compiled from src/main (generated ones included, tests and jars not). */
    private static final JavaClasses SERVICE_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(SERVICE);

    @Test
    void featuresDependOnEachOtherWithoutCycles() {
        featuresFreeOfCycles(SERVICE).check(SERVICE_CLASSES);
    }

    @Test
    void noDomainPackageDependsOnAWebAdapter() {
        webOnTopOfTheDomain(SERVICE).check(SERVICE_CLASSES);
    }

    @Test
    void aCycleBetweenTwoFeaturesBreaksTheRule() {
        var cyclic = FIXTURES + ".cyclic";

        assertThatThrownBy(() -> featuresFreeOfCycles(cyclic).check(fixture(cyclic)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected: Slice orders ->")
                .hasMessageContaining("Slice payments ->");
    }

    @Test
    void aDomainThatReachesIntoAWebAdapterBreaksTheRule() {
        var leaky = FIXTURES + ".leaky";

        assertThatThrownBy(() -> webOnTopOfTheDomain(leaky).check(fixture(leaky)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(leaky + ".orders.Order")
                .hasMessageContaining(leaky + ".orders.web.OrderLinks");
    }

    /** Every package right below {@code root} is a feature, with everything beneath it (its web adapter, say). */
    static ArchRule featuresFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").namingSlices("Slice $1").should().beFreeOfCycles();
    }

    /** A web adapter may use its domain and others'; no class outside a {@code web} package may use one. */
    static ArchRule webOnTopOfTheDomain(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + "..web..")
                .should().dependOnClassesThat().resideInAPackage(root + "..web..");
    }

    private static JavaClasses fixture(String root) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(root);
    }
}
