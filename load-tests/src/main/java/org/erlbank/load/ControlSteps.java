package org.erlbank.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * What the simulations' control users do: wait for a point of their timeline, and tell a service's actuator what to
 * do (customer-service's fault injection, account-service's protection switch and breaker).
 */
final class ControlSteps {

    private ControlSteps() {
    }

    /** Pauses until that long after the simulation started (at {@code startedAt}, epoch milliseconds). */
    static ChainBuilder pauseUntil(LongSupplier startedAt, Duration since) {
        return pause(session -> Duration.ofMillis(Math.max(0,
                since.toMillis() - (System.currentTimeMillis() - startedAt.getAsLong()))));
    }

    /** POSTs a JSON body to an actuator endpoint; anything but 200 fails the step (and shows in the report). */
    static ChainBuilder postToActuator(String name, String url, String json) {
        return exec(http(name).post(url).body(StringBody(json)).asJson().header("Accept", "application/json")
                .check(status().is(200)));
    }

    /** DELETEs at an actuator endpoint; anything but 200 or 204 fails the step. */
    static ChainBuilder deleteAtActuator(String name, String url) {
        return exec(http(name).delete(url).header("Accept", "application/json").check(status().in(200, 204)));
    }

    /** Tells customer-service's fault injection what to do: {@code {"mode":"hang"}}, {@code {"mode":"clear"}}, ... */
    static ChainBuilder customerServiceFault(String management, String name, String json) {
        return postToActuator(name, management + "/actuator/fault", json);
    }
}
