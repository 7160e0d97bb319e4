package org.erlbank.http.balancing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The instances of each service the gateway balances over.
 *
 * @param instances      per service (by its route's {@code lb://} name) the base URLs of its instances
 *                       ({@code CUSTOMER_SERVICE_INSTANCES}, {@code ACCOUNT_SERVICE_INSTANCES}: comma-separated; by
 *                       default the one {@code CUSTOMER_SERVICE_URL} / {@code ACCOUNT_SERVICE_URL})
 * @param unreachableFor how long an instance that refused a connection is left out of the rotation before it is
 *                       tried again (by then its failed health check keeps it out, for as long as it does not answer)
 */
@ConfigurationProperties("erlbank.balancing")
public record InstanceProperties(Map<String, List<URI>> instances, Duration unreachableFor) {

    public InstanceProperties {
        instances = instances == null ? Map.of() : Map.copyOf(instances);
        unreachableFor = unreachableFor == null ? Duration.ofSeconds(3) : unreachableFor;
    }
}
