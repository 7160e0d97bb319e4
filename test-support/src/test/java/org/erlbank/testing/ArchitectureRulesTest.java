package org.erlbank.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Each architecture rule fails on a fixture that breaks it, and names what broke it: a rule that cannot fail proves nothing. */
class ArchitectureRulesTest {

    private static final String FIXTURES = "org.erlbank.testing.architecture";

    @Test
    void aCycleBetweenTwoFeaturesBreaksTheRule() {
        var cyclic = FIXTURES + ".cyclic";

        assertThatThrownBy(() -> ArchitectureRules.featuresFreeOfCycles(cyclic).check(fixture(cyclic)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected: Slice orders ->")
                .hasMessageContaining("Slice payments ->");
    }

    @Test
    void aDomainThatReachesIntoAWebAdapterBreaksTheRule() {
        var leaky = FIXTURES + ".leaky";

        assertThatThrownBy(() -> ArchitectureRules.webOnTopOfTheDomain(leaky).check(fixture(leaky)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(leaky + ".orders.Order")
                .hasMessageContaining(leaky + ".orders.web.OrderLinks");
    }

    @Test
    void aWebAdapterOnTopOfItsDomainAndNoCycleKeepTheRules() {
        var leaky = FIXTURES + ".leaky";

        // The leaky fixture has one feature: no cycle, although its domain reaches into its web adapter.
        assertThatCode(() -> ArchitectureRules.featuresFreeOfCycles(leaky).check(fixture(leaky)))
                .doesNotThrowAnyException();
    }

    private static JavaClasses fixture(String root) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(root);
    }
}
