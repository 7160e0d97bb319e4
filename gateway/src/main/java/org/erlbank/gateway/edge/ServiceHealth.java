package org.erlbank.gateway.edge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A service's health as the gateway sees it: whether the service is ready for traffic, asked directly (the
 * services' actuators are not routed through the gateway), with a short timeout.
 */
class ServiceHealth implements HealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final URI health;
    // HTTP/1.1, as the services speak it: no h2c upgrade attempt on every new connection.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    ServiceHealth(URI serviceUrl) {
        this.health = serviceUrl.resolve("/actuator/health/readiness");
    }

    @Override
    public Health health() {
        try {
            var response = http.send(HttpRequest.newBuilder(health).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            var up = response.statusCode() == 200 && response.body().strip().equals("{\"status\":\"UP\"}");
            return (up ? Health.up() : Health.down()).withDetail("status", response.statusCode()).build();
        } catch (java.io.IOException e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        }
    }
}
