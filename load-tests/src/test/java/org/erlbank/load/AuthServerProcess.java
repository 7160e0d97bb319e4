package org.erlbank.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * auth-server as a real process of its own, from its runnable jar (the build passes its path as the system property
 * {@code auth-server.jar}), on free loopback ports and a fresh data folder, with its demo logins: as
 * {@code ./erlbank up} starts it.
 */
final class AuthServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final int managementPort;

    private AuthServerProcess(Process process, int port, int managementPort) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
    }

    static AuthServerProcess start() {
        try {
            var named = System.getProperty("auth-server.jar");
            if (named == null) {
                throw new IllegalStateException("no system property auth-server.jar: run the tests through Maven");
            }
            var jar = Path.of(named).toAbsolutePath().normalize();
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: build auth-server first (./mvnw -pl load-tests -am"
                        + " install -DskipTests)");
            }
            int port = freeLoopbackPort();
            int managementPort = freeLoopbackPort();
            var log = Files.createTempFile("auth-server", ".log");
            var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("AUTH_SERVER_PORT", String.valueOf(port));
            builder.environment().put("AUTH_SERVER_MANAGEMENT_PORT", String.valueOf(managementPort));
            builder.environment().put("ERLBANK_DATA_DIR", Files.createTempDirectory("auth-server").toString());
            builder.environment().put("ERLBANK_ISSUER", "http://localhost:" + port);
            var started = new AuthServerProcess(builder.start(), port, managementPort);
            started.awaitReady(Duration.ofSeconds(120), log);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where people log in, and the tokens' issuer: {@code http://localhost:<port>}, as the launcher names it. */
    URI url() {
        return URI.create("http://localhost:" + port);
    }

    /** The management port, on loopback: {@code http://127.0.0.1:<port>}. */
    URI management() {
        return URI.create("http://127.0.0.1:" + managementPort);
    }

    private void awaitReady(Duration timeout, Path log) throws IOException {
        var http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("auth-server died on start-up:\n" + tail(log));
            }
            try {
                var health = http.send(HttpRequest.newBuilder(management().resolve("/actuator/health/readiness"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(250));
        }
        close();
        throw new IllegalStateException("auth-server was not ready within " + timeout + ":\n" + tail(log));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /**
     * A port free on loopback now. (test-support's {@code Ports} does the same, but would bring Spring's test stack
     * and a second Jackson into the class path of Gatling's.)
     */
    private static int freeLoopbackPort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
