package org.erlbank.http.balancing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.erlbank.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.web.client.ResourceAccessException;

/** Which failures leave an instance out, and for how long. */
class UnreachableInstancesTest {

    private final InstanceProperties properties = new InstanceProperties(Map.of("account-service",
            List.of(URI.create("http://127.0.0.1:8082"), URI.create("http://127.0.0.1:8182"))), Duration.ofSeconds(3));
    private final List<ServiceInstance> instances = new ConfiguredInstances(properties).getInstances("account-service");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T12:00:00Z"));
    private final UnreachableInstances unreachable = new UnreachableInstances(properties, clock);

    @Test
    void theConfiguredInstancesAreTheServicesInstances() {
        assertThat(instances).extracting(ServiceInstance::getPort).containsExactly(8082, 8182);
        assertThat(instances).extracting(ServiceInstance::getServiceId).containsOnly("account-service");
        assertThat(new ConfiguredInstances(properties).getInstances("customer-service")).isEmpty();
    }

    @Test
    void anInstanceThatRefusedAConnectionIsLeftOutForAWhile() {
        unreachable.refusedConnection(instances.get(0));

        assertThat(unreachable.reachable(instances)).containsExactly(instances.get(1));
        clock.advance(Duration.ofMillis(2_999));
        assertThat(unreachable.reachable(instances)).containsExactly(instances.get(1));
        clock.advance(Duration.ofMillis(1));
        assertThat(unreachable.reachable(instances)).containsExactlyElementsOf(instances);
    }

    @Test
    void whenEveryInstanceRefusedEveryOneIsTried() {
        unreachable.refusedConnection(instances.get(0));
        unreachable.refusedConnection(instances.get(1));

        assertThat(unreachable.reachable(instances)).containsExactlyElementsOf(instances);
    }

    @Test
    void onlyARefusedOrUnacceptedConnectionCountsAsUnreachable() {
        assertThat(InstanceChoice.RefusedConnections.refusedConnection(new ResourceAccessException("not accepted",
                new java.net.http.HttpConnectTimeoutException("HTTP connect timed out")))).isTrue();
        assertThat(InstanceChoice.RefusedConnections.refusedConnection(new ResourceAccessException("refused",
                new ConnectException("Connection refused")))).isTrue();
        assertThat(InstanceChoice.RefusedConnections.refusedConnection(new ResourceAccessException("slow",
                new SocketTimeoutException("Read timed out")))).isFalse();
        assertThat(InstanceChoice.RefusedConnections.refusedConnection(new ResourceAccessException("dropped",
                new java.io.IOException("Connection reset")))).isFalse();
    }
}
