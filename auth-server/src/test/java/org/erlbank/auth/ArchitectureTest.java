package org.erlbank.auth;

import static org.erlbank.testing.ArchitectureRules.featuresFreeOfCycles;
import static org.erlbank.testing.ArchitectureRules.mainClassesOf;
import static org.erlbank.testing.ArchitectureRules.webOnTopOfTheDomain;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * auth-server's packages as the code's layout promises them (the rules, and the proof that each can fail, are in
 * test-support's {@code ArchitectureRules}): one package per feature, features that do not depend on each other in
 * a circle, and no domain package on top of a web adapter.
 */
class ArchitectureTest {

    private static final String SERVICE = "org.erlbank.auth";
    private static final JavaClasses SERVICE_CLASSES = mainClassesOf(SERVICE);

    @Test
    void featuresDependOnEachOtherWithoutCycles() {
        featuresFreeOfCycles(SERVICE).check(SERVICE_CLASSES);
    }

    @Test
    void noDomainPackageDependsOnAWebAdapter() {
        webOnTopOfTheDomain(SERVICE).check(SERVICE_CLASSES);
    }
}
