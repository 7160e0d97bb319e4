package org.erlbank.http.balancing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Instances that just refused a connection, left out of the rotation for a while. The health check finds a dead
 * instance within its interval; until then every request the round robin sends there would fail once and be
 * repeated, and under load that is many requests. One refused connection is enough to know: the next request goes
 * elsewhere at once (passive health checking, as Envoy's outlier detection or NGINX's {@code max_fails} do).
 */
class UnreachableInstances {

    private static final Logger log = LoggerFactory.getLogger(UnreachableInstances.class);

    private final Map<String, Instant> until = new ConcurrentHashMap<>();
    private final InstanceProperties properties;
    private final Clock clock;

    UnreachableInstances(InstanceProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    void refusedConnection(ServiceInstance instance) {
        if (until.put(key(instance), clock.instant().plus(properties.unreachableFor())) == null) {
            log.warn("{} instance {}:{} refused a connection: left out for {}", instance.getServiceId(),
                    instance.getHost(), instance.getPort(), properties.unreachableFor());
        }
    }

    /**
     * The instances not left out; all of them if every one is (a request then fails as fast as before, and the
     * gateway does not refuse what an instance that came back could answer).
     */
    List<ServiceInstance> reachable(List<ServiceInstance> instances) {
        var now = clock.instant();
        var reachable = instances.stream().filter(instance -> {
            var key = key(instance);
            var end = until.get(key);
            if (end != null && !now.isBefore(end)) {
                until.remove(key, end);
                return true;
            }
            return end == null;
        }).toList();
        return reachable.isEmpty() ? instances : reachable;
    }

    private static String key(ServiceInstance instance) {
        return instance.getServiceId() + "@" + instance.getHost() + ":" + instance.getPort();
    }
}
