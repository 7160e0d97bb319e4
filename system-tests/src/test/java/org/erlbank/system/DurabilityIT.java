package org.erlbank.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * An answered write survives a crash: customer-service is killed with SIGKILL right after acknowledging a stream
 * of registrations, and every acknowledged customer is there after the restart, on the default H2 file database.
 */
class DurabilityIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Erlbank erlbank = new Erlbank().with("ERLBANK_DEMO_DATA", "false");

    @AfterEach
    void stop() {
        erlbank.run("down");
    }

    @Test
    void everyAcknowledgedRegistrationSurvivesSigkill() {
        assertThat(erlbank.run("up", "-d").exitCode()).isZero();
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
        var total = JSON.readTree(erlbank.get(erlbank.customerService() + "/customers?size=1").body())
                .path("page").path("totalElements").asLong();
        assertThat(total).isEqualTo(150);
    }
}
