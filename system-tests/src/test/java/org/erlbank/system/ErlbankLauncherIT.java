package org.erlbank.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The life of a running Erlbank, as a newcomer lives it: {@code ./erlbank up -d}, the README's walk,
 * {@code status}, a restart that keeps the data, and {@code down} leaving nothing behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErlbankLauncherIT {

    private static final Erlbank erlbank = new Erlbank();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @AfterAll
    static void stopEverything() {
        erlbank.run("down");
    }

    @Test
    @Order(1)
    void upReturnsOnceEveryServiceIsHealthy() {
        var up = erlbank.run("up", "-d");

        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.stdout()).contains("customer-service is healthy", "account-service is healthy", "Erlbank is up");
        assertThat(erlbank.get(erlbank.customerService() + "/actuator/health").body()).contains("\"UP\"");
        assertThat(erlbank.get(erlbank.accountService() + "/actuator/health").body()).contains("\"UP\"");
        System.out.printf("[measured] ./erlbank up -d (jars built) to healthy: %.1f s%n", up.took().toMillis() / 1000.0);
    }

    @Test
    @Order(2)
    void statusShowsEveryServiceUp() {
        var status = erlbank.run("status");

        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.stdout())
                .containsPattern("customer-service\\s+" + erlbank.customerServicePort + "\\s+\\d+\\s+UP")
                .containsPattern("account-service\\s+" + erlbank.accountServicePort + "\\s+\\d+\\s+UP");
    }

    @Test
    @Order(3)
    void theReadmeWalkWorksAgainstTheRunningSystem() {
        var commands = ReadmeWalk.commands(Erlbank.ROOT.resolve("README.md"));
        var script = ReadmeWalk.script(commands, erlbank.readmeBaseUrls());

        var walk = erlbank.exec(List.of("bash", "-c", script), Map.of());

        assertThat(walk.exitCode()).as("README walk:%n%s%n%s", walk.stdout(), walk.stderr()).isZero();
        assertThat(commands).filteredOn(command -> command.contains("# prints")).hasSizeGreaterThanOrEqualTo(16);
    }

    @Test
    @Order(4)
    void dataSurvivesARestart() throws Exception {
        var created = erlbank.send(HttpRequest.newBuilder(URI.create(erlbank.customerService() + "/customers"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"givenName\":\"Frances\",\"surname\":\"Allen\"}"))
                .build());
        assertThat(created.statusCode()).isEqualTo(201);
        var customer = created.headers().firstValue("Location").orElseThrow();
        var before = totalCustomers();

        assertThat(erlbank.run("down").exitCode()).isZero();
        assertThat(Erlbank.isListening(erlbank.customerServicePort)).isFalse();
        var up = erlbank.run("up", "-d");
        assertThat(up.exitCode()).as(up.output()).isZero();

        assertThat(JSON.readTree(erlbank.get(customer).body()).path("surname").asString()).isEqualTo("Allen");
        assertThat(totalCustomers()).as("no demo customers added twice").isEqualTo(before);
    }

    @Test
    @Order(5)
    void downStopsEveryProcessAndFreesThePorts() {
        var pids = List.of(erlbank.pidOf("customer-service"), erlbank.pidOf("account-service"));

        var down = erlbank.run("down");

        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                .as("process %d", pid).isIn(Optional.empty(), Optional.of(false)));
        assertThat(Erlbank.isListening(erlbank.customerServicePort)).isFalse();
        assertThat(Erlbank.isListening(erlbank.accountServicePort)).isFalse();
        var status = erlbank.run("status");
        assertThat(status.exitCode()).isNotZero();
        assertThat(status.stdout()).contains("DOWN");
    }

    private long totalCustomers() {
        var page = erlbank.get(erlbank.customerService() + "/customers?size=1").body();
        return JSON.readTree(page).path("page").path("totalElements").asLong();
    }
}
