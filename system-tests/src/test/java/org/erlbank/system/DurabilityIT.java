package org.erlbank.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link DurabilityContract} on the default H2 file databases, and customer-service killed right after it
 * acknowledged a stream of registrations.
 */
class DurabilityIT extends DurabilityContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    /** Every registration customer-service acknowledged is there after it was killed right after the last one. */
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
