package org.erlbank.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link DurabilityContract} on the default H2 file databases. */
class DurabilityIT extends DurabilityContract {

    private static final Erlbank onH2 = new Erlbank().with("ERLBANK_DEMO_DATA", "false");

    DurabilityIT() {
        super(onH2);
    }

    @BeforeAll
    static void start() {
        var up = onH2.run("up", "-d");
        assertThat(up.exitCode()).as(up.output()).isZero();
    }

    @AfterAll
    static void stop() {
        onH2.run("down");
    }
}
