package org.erlbank.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.erlbank.testing.HttpTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * auth-server as it runs, on random ports and an H2 file database in a folder of its own. Every test class that
 * extends this shares the one application (the same configuration): each start costs seconds on two cores.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "management.server.port=0", "spring.security.oauth2.authorizationserver.issuer=" + AuthServerTest.ISSUER,
                // Short, so that a test can wait for a lock to end.
                "erlbank.auth.lockout.duration=30s" })
public abstract class AuthServerTest {

    /** What every token names as its issuer (ERLBANK_ISSUER); fixed, whatever port the test runs on. */
    public static final String ISSUER = "http://localhost:9000";

    /** The data folder of the shared application: the second application of the restart test opens it too. */
    protected static final Path DATA_DIR = temporaryFolder();

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    protected final HttpTestClient management = new HttpTestClient(() -> managementPort);

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("erlbank.data-dir", DATA_DIR::toString);
    }

    protected OAuthFlows flows() {
        return new OAuthFlows(port, ISSUER);
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("auth-server-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
