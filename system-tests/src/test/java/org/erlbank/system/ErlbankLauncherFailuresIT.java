package org.erlbank.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void runsOnTheNewestJdkInstalledBesideAJavaOlderThan21() throws IOException {
        var jdks = Files.createTempDirectory("jdks");
        var onPath = fakeJdk(jdks.resolve("on-path"), "17.0.15");
        var jdk21 = fakeJdk(jdks.resolve("installed/jdk-21"), "21.0.2");
        var jdk25 = fakeJdk(jdks.resolve("installed/jdk-25"), "25.0.3");
        fakeJdk(jdks.resolve("installed/jdk-19"), "19.0.2");

        var up = new Erlbank().with("JAVA_HOME", "").with("ERLBANK_JDKS_DIR", jdks.resolve("installed").toString())
                .with("PATH", onPath.resolve("bin") + ":" + System.getenv("PATH")).run("up", "-d");

        assertThat(up.stdout()).contains("Java 17 is on the PATH; running on Java 25", jdk25.toString());
        assertThat(up.exitCode()).as("the fake JDK runs no service").isNotZero();
        assertThat(jdk25.resolve("started")).as("the services were started with Java 25").exists();
        assertThat(jdk21.resolve("started")).doesNotExist();
        assertThat(onPath.resolve("started")).doesNotExist();
    }

    @Test
    void runsOnJavaHomeWhateverIsInstalledBeside() throws IOException {
        var jdks = Files.createTempDirectory("jdks");
        var home = fakeJdk(jdks.resolve("home"), "17.0.15");
        var jdk25 = fakeJdk(jdks.resolve("installed/jdk-25"), "25.0.3");

        var up = new Erlbank().with("JAVA_HOME", home.toString())
                .with("ERLBANK_JDKS_DIR", jdks.resolve("installed").toString()).run("up", "-d");

        assertThat(up.stdout()).doesNotContain("running on Java 25");
        assertThat(up.exitCode()).isNotZero();
        assertThat(home.resolve("started")).exists();
        assertThat(jdk25.resolve("started")).doesNotExist();
    }

    /**
     * A JDK that tells its version (to {@code -version} and in its release file) and runs nothing: any other
     * command leaves a file {@code started} beside its bin and fails.
     */
    private static Path fakeJdk(Path home, String version) throws IOException {
        var java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                if [ "$1" = -version ]; then echo 'openjdk version "%s" 2026-01-20' >&2; exit 0; fi
                touch "$(dirname "$0")/../started"
                exit 3
                """.formatted(version));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"%s\"\n".formatted(version));
        return home;
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
