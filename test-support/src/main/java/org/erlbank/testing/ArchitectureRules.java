package org.erlbank.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules every Erlbank service keeps (ArchUnit, on compiled classes, no Spring context): one package per
 * feature right below the service's root, features that do not depend on each other in a circle, and each feature's
 * {@code web} adapter on top of its domain, never below it. {@code ArchitectureRulesTest} shows each rule failing on
 * fixtures that break it.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /** Every package right below {@code root} is a feature, with everything beneath it (its web adapter, say). */
    public static ArchRule featuresFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").namingSlices("Slice $1").should().beFreeOfCycles();
    }

    /** A web adapter may use its domain and others'; no class outside a {@code web} package may use one. */
    public static ArchRule webOnTopOfTheDomain(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + "..web..")
                .should().dependOnClassesThat().resideInAPackage(root + "..web..");
    }

    /** A module's own classes below {@code root}, as compiled from src/main (generated ones included; tests, jars not). */
    public static JavaClasses mainClassesOf(String root) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS).importPackages(root);
    }
}
