package org.erlbank.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * When ./erlbank cannot do its job it says why, exits non-zero, and leaves nothing running; it never hangs.
 */
class ErlbankLauncherFailuresIT {

    @Test
    void refusesAPortThatIsTaken() throws IOException {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var erlbank = new Erlbank().with("CUSTOMER_SERVICE_PORT", String.valueOf(taken.getLocalPort()));

            var up = erlbank.run("up", "-d");

            assertThat(up.exitCode()).isNotZero();
            assertThat(up.stderr()).contains("port " + taken.getLocalPort(), "CUSTOMER_SERVICE_PORT");
            assertThat(up.took()).isLessThan(Duration.ofSeconds(30));
            assertThat(erlbank.pidOf("customer-service")).isNull();
        }
    }

    @Test
    void namesAJavaHomeWithoutJava() throws IOException {
        var empty = Files.createTempDirectory("no-jdk");

        var up = new Erlbank().with("JAVA_HOME", empty.toString()).run("up", "-d");

        assertThat(up.exitCode()).isNotZero();
        assertThat(up.stderr()).contains("JAVA_HOME", empty.toString());
    }

    @Test
    void refusesAJavaOlderThan17() throws IOException {
        var oldJdk = Files.createTempDirectory("old-jdk");
        var java = Files.createDirectories(oldJdk.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"11.0.22\" 2024-01-16' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        var up = new Erlbank().with("JAVA_HOME", oldJdk.toString()).run("up", "-d");

        assertThat(up.exitCode()).isNotZero();
        assertThat(up.stderr()).contains("Java 17 or newer", "11.0.22");
    }

    @Test
    void reportsAServiceThatFailsToStartAndLeavesNothingRunning() {
        // A links template without its {customerId} variable is refused at start-up.
        var erlbank = new Erlbank().with("ERLBANK_LINKS_ACCOUNTS", "http://127.0.0.1:8082/accounts");

        var up = erlbank.run("up", "-d");

        assertThat(up.exitCode()).isNotZero();
        assertThat(up.stderr()).contains("customer-service failed to start", "erlbank.links.accounts");
        assertThat(erlbank.pidOf("customer-service")).isNull();
        assertThat(erlbank.pidOf("account-service")).as("the others are stopped too").isNull();
        assertThat(erlbank.pidOf("auth-server")).as("the others are stopped too").isNull();
        assertThat(Erlbank.isListening(erlbank.authServerPort)).isFalse();
        assertThat(Erlbank.isListening(erlbank.customerServicePort)).isFalse();
        assertThat(Erlbank.isListening(erlbank.accountServicePort)).isFalse();
    }

    @Test
    void statusFailsWhenNothingRuns() {
        var status = new Erlbank().run("status");

        assertThat(status.exitCode()).isNotZero();
        assertThat(status.stdout()).containsPattern("customer-service\\s+\\d+\\s+-\\s+DOWN")
                .containsPattern("account-service\\s+\\d+\\s+-\\s+DOWN")
                .containsPattern("auth-server\\s+\\d+\\s+-\\s+DOWN");
    }
}
