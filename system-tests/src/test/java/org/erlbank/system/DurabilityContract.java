package org.erlbank.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * An answered write survives a crash: a service is killed with SIGKILL while (or right after) it acknowledges a
 * stream of writes, and every acknowledged write is there, once, after the restart. {@link DurabilityIT} runs it on
 * the default H2 file databases, {@link PostgresDurabilityIT} on PostgreSQL.
 */
abstract class DurabilityContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The running system under test, its databases empty of demo data. */
    protected final Erlbank erlbank;

    DurabilityContract(Erlbank erlbank) {
        this.erlbank = erlbank;
    }

    /**
     * The bank workload (8 clients through the gateway, retrying lost answers with the same Idempotency-Key) while
     * account-service is killed with SIGKILL and started again: every acknowledged transfer is on the books exactly
     * once, every read saw the same total, no balance went negative.
     */
    @Test
    void theBankKeepsItsBooksWhenAccountServiceIsKilledMidStream() throws Exception {
        var workload = CompletableFuture.supplyAsync(() -> erlbank.run("workload", "bank", "30", "8"));
        Thread.sleep(8_000);
        var kill = erlbank.run("kill", "account-service");
        var restarted = erlbank.run("up", "-d");
        var result = workload.join();

        assertThat(kill.exitCode()).as(kill.output()).isZero();
        assertThat(restarted.exitCode()).as(restarted.output()).isZero();
        System.out.println("[measured] " + getClass().getSimpleName()
                + ": bank workload across a SIGKILL of account-service: " + result.stdout().strip());
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.stdout()).contains("every invariant held").doesNotContain("VIOLATION");
        var retries = java.util.regex.Pattern.compile("(\\d+) retries with the same key").matcher(result.stdout())
                .results().map(match -> Long.parseLong(match.group(1))).findFirst().orElseThrow();
        assertThat(retries).as("the kill cost answers, which were asked again").isPositive();
    }

    @Test
    void everyAcknowledgedRegistrationSurvivesSigkill() {
        var before = totalCustomers();
        var acknowledged = new ArrayList<String>();
        for (int i = 0; i < 150; i++) {
            var response = erlbank.send(HttpRequest.newBuilder(URI.create(erlbank.customerService() + "/customers"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"givenName\":\"Client\",\"surname\":\"Durable-" + i + "\"}"))
                    .build());
            if (response.statusCode() == 201) {
                acknowledged.add(response.headers().firstValue("Location").orElseThrow());
            }
        }
        var pid = erlbank.pidOf("customer-service");

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        ProcessHandle.of(pid).ifPresent(process -> process.onExit().join());
        var restarted = erlbank.run("up", "-d");

        assertThat(restarted.exitCode()).as(restarted.output()).isZero();
        assertThat(acknowledged).hasSize(150);
        assertThat(acknowledged).allSatisfy(customer -> assertThat(erlbank.get(customer).statusCode())
                .as("acknowledged %s", customer).isEqualTo(200));
        assertThat(totalCustomers()).isEqualTo(before + 150);
    }

    private long totalCustomers() {
        return JSON.readTree(erlbank.get(erlbank.customerService() + "/customers?size=1").body())
                .path("page").path("totalElements").asLong();
    }
}
