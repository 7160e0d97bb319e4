package org.erlbank.system;

import static org.assertj.core.api.Assertions.fail;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ./erlbank} on ports and folders of its own, so that a system a developer is running is never
 * touched, and nothing is built behind the tests' back ({@code ERLBANK_BUILD=never}).
 */
final class Erlbank {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);

    final Path runDir;
    final Path dataDir;
    final int customerServicePort;
    final int accountServicePort;
    final int gatewayPort;
    final int customerServiceManagementPort;
    final int accountServiceManagementPort;
    final int authServerPort;
    final int authServerManagementPort;
    /** Zipkin's and Prometheus' when a test runs it observed (up --observe). */
    final int zipkinPort;
    final int prometheusPort;
    final int nginxPort;
    private final Map<String, String> extraEnvironment = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Erlbank() {
        try {
            this.runDir = Files.createTempDirectory("erlbank-run");
            this.dataDir = Files.createTempDirectory("erlbank-data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Gone with the test JVM: the logs, and the databases (a PostgreSQL cluster is 70 MB), which every run of
        // the suite otherwise left in /tmp.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            deleteTree(runDir);
            deleteTree(dataDir);
        }));
        this.customerServicePort = freePort();
        this.accountServicePort = freePort();
        this.gatewayPort = freePort();
        this.customerServiceManagementPort = freePort();
        this.accountServiceManagementPort = freePort();
        this.authServerPort = freePort();
        this.authServerManagementPort = freePort();
        this.zipkinPort = freePort();
        this.prometheusPort = freePort();
        this.nginxPort = freePort();
    }

    /** Deletes a folder and everything in it, as far as it can. */
    static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort, at exit: what is left stays in the temporary folder.
        }
    }

    Erlbank with(String variable, String value) {
        extraEnvironment.put(variable, value);
        return this;
    }

    /** What a finished command printed, and how it ended. */
    record Result(int exitCode, String stdout, String stderr, Duration took) {

        String output() {
            return stdout + stderr;
        }
    }

    Result run(String... arguments) {
        var command = new ArrayList<String>();
        command.add(ROOT.resolve("erlbank").toString());
        command.addAll(List.of(arguments));
        return exec(command);
    }

    Result exec(List<String> command) {
        return launch(command).await();
    }

    /** Starts {@code ./erlbank} with these arguments and returns at once: for a test that acts while it runs. */
    Running start(String... arguments) {
        var command = new ArrayList<String>();
        command.add(ROOT.resolve("erlbank").toString());
        command.addAll(List.of(arguments));
        return launch(command);
    }

    /**
     * {@code ./erlbank up} in the foreground, as typed in a terminal, returning at once. A process started in the
     * background ignores SIGINT and passes that on; a terminal's Ctrl-C does not. Perl (in every Debian) restores the
     * default before it execs ./erlbank, as a terminal would have it, so a SIGINT to this process is a Ctrl-C.
     */
    Running upInTheForeground() {
        return launch(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die",
                ROOT.resolve("erlbank").toString(), "up"));
    }

    private Running launch(List<String> command) {
        try {
            var out = Files.createTempFile(runDir, "out", ".txt");
            var err = Files.createTempFile(runDir, "err", ".txt");
            var builder = new ProcessBuilder(command).directory(ROOT.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            var environment = builder.environment();
            environmentFor(environment);
            return new Running(command, builder.start(), System.nanoTime(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A command under way: what it has printed so far, and its end. */
    record Running(List<String> command, Process process, long startedAt, Path out, Path err) {

        String stdoutSoFar() {
            try {
                return Files.readString(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits until what it printed so far satisfies the condition; fails once it ended or the time is up. */
        void awaitOutput(java.util.function.Predicate<String> condition, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (!condition.test(stdoutSoFar())) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        fail("%s printed no such thing within %s (%s); it printed:%n%s%s", command, timeout,
                                process.isAlive() ? "still running" : "ended", stdoutSoFar(), Files.readString(err));
                    }
                    Thread.sleep(100);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        Result await() {
            return await(COMMAND_TIMEOUT);
        }

        Result await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    fail("%s did not finish within %s", command, timeout);
                }
                var took = Duration.ofNanos(System.nanoTime() - startedAt);
                return new Result(process.exitValue(), Files.readString(out), Files.readString(err), took);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** This system's settings for a ./erlbank started by a test: its own ports and folders, nothing built. */
    void environmentFor(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("CUSTOMER_")
                || name.startsWith("ACCOUNT_") || name.startsWith("GATEWAY_") || name.startsWith("AUTH_")
                || name.startsWith("ERLBANK_"));
        environment.put("ERLBANK_RUN_DIR", runDir.toString());
        environment.put("ERLBANK_DATA_DIR", dataDir.toString());
        environment.put("ERLBANK_BUILD", "never");
        // The C1 compiler only: the JVMs start in about 18 s instead of 30 on two cores. The tests check
        // behaviour, not speed; the benchmarks and the demo's own runs use the default JIT.
        environment.put("JAVA_OPTS", "-XX:TieredStopAtLevel=1");
        environment.put("CUSTOMER_SERVICE_PORT", String.valueOf(customerServicePort));
        environment.put("ACCOUNT_SERVICE_PORT", String.valueOf(accountServicePort));
        environment.put("GATEWAY_PORT", String.valueOf(gatewayPort));
        environment.put("CUSTOMER_SERVICE_MANAGEMENT_PORT", String.valueOf(customerServiceManagementPort));
        environment.put("ACCOUNT_SERVICE_MANAGEMENT_PORT", String.valueOf(accountServiceManagementPort));
        environment.put("AUTH_SERVER_PORT", String.valueOf(authServerPort));
        environment.put("AUTH_SERVER_MANAGEMENT_PORT", String.valueOf(authServerManagementPort));
        environment.put("ZIPKIN_PORT", String.valueOf(zipkinPort));
        environment.put("PROMETHEUS_PORT", String.valueOf(prometheusPort));
        environment.put("NGINX_PORT", String.valueOf(nginxPort));
        environment.putAll(extraEnvironment);
    }

    String zipkin() {
        return "http://127.0.0.1:" + zipkinPort;
    }

    String prometheus() {
        return "http://127.0.0.1:" + prometheusPort;
    }

    String customerService() {
        return "http://127.0.0.1:" + customerServicePort;
    }

    String accountService() {
        return "http://127.0.0.1:" + accountServicePort;
    }

    /** auth-server, as the launcher's defaults name it: the issuer of every token. */
    String authServer() {
        return "http://localhost:" + authServerPort;
    }

    /** The one URL a client needs. */
    String gateway() {
        return "http://localhost:" + gatewayPort;
    }

    /** The README's base URL, pointed at this system. */
    Map<String, String> readmeBaseUrls() {
        return Map.of("http://localhost:8080", gateway());
    }

    /** The teller: reads everything, registers customers and opens accounts, moves no money. */
    static final String TELLER = "teller";
    /** Ada Lovelace, the first demo customer: customer c0000000-...-000000000001, account 10000001. */
    static final String ADA = "ada";

    /** How long a token from ./erlbank token is used: auth-server's tokens live 5 minutes. */
    private static final Duration TOKEN_REUSE = Duration.ofMinutes(2);
    private final Map<String, Token> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    private record Token(String value, long fetchedAt) {
    }

    /**
     * A demo user's access token, as the README gets one: {@code ./erlbank token <user>} (the authorization code flow
     * with PKCE at auth-server). Kept for two minutes.
     */
    String token(String user) {
        var token = tokens.get(user);
        if (token == null || System.nanoTime() - token.fetchedAt() > TOKEN_REUSE.toNanos()) {
            // The demo password, whatever ERLBANK_PASSWORD a test has set for a login of its own.
            var fetched = exec(List.of("env", "-u", "ERLBANK_PASSWORD", ROOT.resolve("erlbank").toString(), "token",
                    user));
            if (fetched.exitCode() != 0) {
                fail("./erlbank token %s failed: %s", user, fetched.output());
            }
            token = new Token(fetched.stdout().trim(), System.nanoTime());
            tokens.put(user, token);
        }
        return token.value();
    }

    /** Forgets the tokens kept: the next request logs in again. */
    void forgetTokens() {
        tokens.clear();
    }

    /** A GET as the teller, who may read everything. */
    HttpResponse<String> get(String uri) {
        return getAs(TELLER, uri);
    }

    HttpResponse<String> getAs(String user, String uri) {
        return sendAs(user, HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build());
    }

    /** A GET without credentials: what anybody on the machine can do. */
    HttpResponse<String> getAnonymously(String uri) {
        return sendAnonymously(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build());
    }

    /** A request as the teller, unless it carries an Authorization of its own. */
    HttpResponse<String> send(HttpRequest request) {
        return sendAs(TELLER, request);
    }

    /** A request with the user's bearer token, unless it carries an Authorization of its own. */
    HttpResponse<String> sendAs(String user, HttpRequest request) {
        if (request.headers().firstValue("Authorization").isPresent()) {
            return sendAnonymously(request);
        }
        return sendAnonymously(HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Authorization", "Bearer " + token(user)).build());
    }

    /** A request exactly as given: no credentials added. */
    HttpResponse<String> sendAnonymously(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The pid ./erlbank recorded for a service, if it recorded one. */
    Long pidOf(String service) {
        var file = runDir.resolve(service + ".pid");
        try {
            return Files.exists(file) ? Long.valueOf(Files.readString(file).trim()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The class data archive ./erlbank would start a service with (one per JDK, under its target/cds), if there is
     * one as new as its jar.
     */
    static java.util.Optional<Path> cdsArchiveOf(String service) {
        var jar = ROOT.resolve(service + "/target/" + service + "-0.1.0-SNAPSHOT-exec.jar");
        try (var files = Files.list(ROOT.resolve(service + "/target/cds"))) {
            var jarTime = Files.getLastModifiedTime(jar);
            return files.filter(file -> file.getFileName().toString().matches("app-\\d+\\.jsa")).filter(file -> {
                try {
                    return Files.getLastModifiedTime(file).compareTo(jarTime) > 0;
                } catch (IOException e) {
                    return false;
                }
            }).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Whether a command is installed where the launcher looks for it: on the PATH. */
    static boolean onPath(String command) {
        return java.util.stream.Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isEmpty()).anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    static boolean isListening(int port) {
        try (var socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    /** Every port handed out in this JVM: the kernel may offer a port it just freed again. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A free port on loopback, never one handed out before in this JVM (two services on one port fail to start). */
    static int freePort() {
        while (true) {
            try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Repeats the assertions until they hold or the time is up (then their last failure is the test's). */
    static void within(Duration limit, org.assertj.core.api.ThrowableAssert.ThrowingCallable assertions)
            throws Exception {
        var deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                assertions.call();
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(100);
            } catch (Throwable other) {
                throw new IllegalStateException(other);
            }
        }
    }
}
