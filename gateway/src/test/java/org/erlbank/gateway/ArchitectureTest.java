package org.erlbank.gateway;

import static org.erlbank.testing.ArchitectureRules.featuresFreeOfCycles;
import static org.erlbank.testing.ArchitectureRules.mainClassesOf;

import org.junit.jupiter.api.Test;

/**
 * The gateway's packages as the code's layout promises them: one package per feature (the edge every request
 * passes, the root resource), features that do not depend on each other in a circle (the rule, and the proof that it
 * can fail, are in test-support's {@code ArchitectureRules}). The gateway is all web: it has no domain for a web
 * adapter to sit on.
 */
class ArchitectureTest {

    @Test
    void featuresDependOnEachOtherWithoutCycles() {
        featuresFreeOfCycles("org.erlbank.gateway").check(mainClassesOf("org.erlbank.gateway"));
    }
}
