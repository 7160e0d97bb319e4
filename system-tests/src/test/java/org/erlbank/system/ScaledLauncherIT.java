package org.erlbank.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./erlbank up --scale}: two instances each of customer-service and account-service, on a PostgreSQL server
 * the launcher runs itself, behind the gateway, which balances over them; an instance killed, the gateway keeps
 * answering, and {@code up -d} brings that one back; {@code down} stops it all, the database server included.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaledLauncherIT {

    private static final Erlbank erlbank = new Erlbank();
    private static final int STEP = instancePortStep();
    private static final int POSTGRES_PORT = Erlbank.freePort();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String GRACE = """
            {"name":{"givenName":"Grace","familyName":"Hopper"},
             "postalAddress":{"street":"1 Main Street","postalCode":"10001","city":"Arlington","country":"US"}}""";

    static {
        erlbank.with("ERLBANK_INSTANCE_PORT_STEP", String.valueOf(STEP))
                .with("ERLBANK_POSTGRES_PORT", String.valueOf(POSTGRES_PORT));
    }

    @AfterAll
    static void stopEverything() {
        erlbank.run("down");
    }

    @Test
    @Order(1)
    void upStartsEveryInstanceOnASharedPostgresAndStatusListsThem() {
        var up = erlbank.run("up", "-d", "--scale", "account-service=2,customer-service=2");

        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.stdout()).contains("Started PostgreSQL", "customer-service is healthy",
                "customer-service-2 is healthy", "account-service is healthy", "account-service-2 is healthy",
                "gateway is healthy");
        var status = erlbank.run("status");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.stdout()).containsPattern("postgres +" + POSTGRES_PORT + " +[0-9]+ +UP")
                .containsPattern("customer-service-2 +" + (erlbank.customerServicePort + STEP) + " +[0-9]+ +UP")
                .containsPattern("account-service-2 +" + (erlbank.accountServicePort + STEP) + " +[0-9]+ +UP");
        assertThat(Erlbank.isListening(POSTGRES_PORT)).isTrue();
    }

    @Test
    @Order(2)
    void theGatewayBalancesOverTheInstancesWhichShareTheirDatabase() throws IOException {
        var gateway = erlbank.gateway();
        var registered = erlbank.send(HttpRequest.newBuilder(URI.create(gateway + "/v2/customers"))
                .header("Content-Type", "application/json").header("Accept", "application/hal+json")
                .header("Idempotency-Key", "scaled-" + System.nanoTime())
                .POST(HttpRequest.BodyPublishers.ofString(GRACE)).build());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        var grace = JSON.readTree(registered.body()).path("_links").path("self").path("href").asString();

        // Whichever instance answers, it reads the one database: she is there every time.
        for (int i = 0; i < 10; i++) {
            var read = erlbank.get(grace);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(read.body()).path("name").path("givenName").asString()).isEqualTo("Grace");
        }
        var path = URI.create(grace).getPath();
        assertThat(requestsLogged("customer-service", path)).isPositive();
        assertThat(requestsLogged("customer-service-2", path)).isPositive();
    }

    @Test
    @Order(3)
    void aKilledInstanceCostsNoRequestAndUpBringsItBack() throws IOException {
        var killed = erlbank.run("kill", "account-service-2");
        assertThat(killed.exitCode()).as(killed.output()).isZero();

        var statuses = new ArrayList<Integer>();
        for (int i = 0; i < 20; i++) {
            statuses.add(erlbank.get(erlbank.gateway() + "/accounts/10000001").statusCode());
        }
        assertThat(statuses).containsOnly(200);
        assertThat(erlbank.run("status").exitCode()).as("an instance is down").isEqualTo(1);

        var up = erlbank.run("up", "-d");
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.stdout()).contains("account-service-2 is healthy", "account-service is already running");
        assertThat(erlbank.run("status").exitCode()).isZero();
    }

    @Test
    @Order(4)
    void aRunningSetIsNotRescaledUnderway() {
        var rescaled = erlbank.run("up", "-d", "--scale", "account-service=3");

        assertThat(rescaled.exitCode()).isNotZero();
        assertThat(rescaled.stderr()).contains("./erlbank down first");
        assertThat(erlbank.run("status").exitCode()).isZero();
    }

    @Test
    @Order(5)
    void downStopsEveryInstanceAndTheDatabaseServerAndKeepsTheData() throws IOException {
        var down = erlbank.run("down");

        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(down.stdout()).contains("Stopped account-service-2.", "Stopped customer-service-2.",
                "Stopped PostgreSQL.");
        for (int port : List.of(POSTGRES_PORT, erlbank.customerServicePort + STEP, erlbank.accountServicePort + STEP,
                erlbank.gatewayPort)) {
            assertThat(Erlbank.isListening(port)).as("port %d", port).isFalse();
        }
        assertThat(erlbank.dataDir.resolve("postgres/PG_VERSION")).exists();
        assertThat(Files.getPosixFilePermissions(erlbank.dataDir.resolve("postgres.password")))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }

    private static long requestsLogged(String instance, String path) throws IOException {
        try (var lines = Files.lines(erlbank.runDir.resolve(instance + ".log"))) {
            return lines.filter(line -> line.contains("GET " + path + " 200")).count();
        }
    }

    /** An offset at which the second instances' four ports are free as well. */
    private static int instancePortStep() {
        for (int step = 1000; step < 20_000; step += 1000) {
            int offset = step;
            if (List.of(erlbank.customerServicePort, erlbank.customerServiceManagementPort, erlbank.accountServicePort,
                    erlbank.accountServiceManagementPort).stream()
                    .allMatch(port -> port + offset < 65_536 && !Erlbank.isListening(port + offset))) {
                return step;
            }
        }
        throw new IllegalStateException("no free ports for second instances");
    }
}
