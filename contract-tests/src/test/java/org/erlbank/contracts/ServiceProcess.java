package org.erlbank.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.erlbank.testing.Ports;
import org.erlbank.testing.security.TestIssuer;

/**
 * One of Erlbank's services as a real process of its own, from its runnable jar, on a free loopback port and a
 * fresh data folder.
 */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final int managementPort;

    private ServiceProcess(Process process, int port, int managementPort) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** customer-service, trusting the tokens of {@code authServer} (as it trusts auth-server's when deployed). */
    static ServiceProcess customerService(TestIssuer authServer) {
        return start("customer-service", "CUSTOMER_SERVICE_PORT", "CUSTOMER_SERVICE_MANAGEMENT_PORT",
                Map.of("ERLBANK_ISSUER", authServer.issuer(), "ERLBANK_JWKS_URI", authServer.jwkSetUri().toString()));
    }

    private static ServiceProcess start(String service, String portVariable, String managementPortVariable,
            Map<String, String> environment) {
        try {
            var jar = Path.of("..", service, "target", service + "-0.1.0-SNAPSHOT-exec.jar").toAbsolutePath().normalize();
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: build through the reactor (./mvnw verify)");
            }
            int port = Ports.freeLoopbackPort();
            int managementPort = Ports.freeLoopbackPort();
            var log = Files.createTempFile(service, ".log");
            var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put(portVariable, String.valueOf(port));
            builder.environment().put(managementPortVariable, String.valueOf(managementPort));
            builder.environment().put("ERLBANK_DATA_DIR", Files.createTempDirectory(service).toString());
            builder.environment().putAll(environment);
            var started = new ServiceProcess(builder.start(), port, managementPort);
            started.awaitHealthy(Duration.ofSeconds(120), log);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitHealthy(Duration timeout, Path log) throws IOException {
        var http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service died on start-up:\n" + tail(log));
            }
            try {
                var health = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("the service was not healthy within " + timeout + ":\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
