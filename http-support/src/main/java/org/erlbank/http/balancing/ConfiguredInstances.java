package org.erlbank.http.balancing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * The instances named in the configuration ({@link InstanceProperties}), as Spring Cloud's discovery sees them: a
 * fixed list per service, in the order given. (Spring Cloud's own {@code SimpleDiscoveryClient} takes a list of
 * objects per service, which an environment variable cannot give.)
 */
class ConfiguredInstances implements DiscoveryClient {

    private final InstanceProperties properties;

    ConfiguredInstances(InstanceProperties properties) {
        this.properties = properties;
    }

    @Override
    public String description() {
        return "the instances in erlbank.balancing.instances";
    }

    @Override
    public List<ServiceInstance> getInstances(String serviceId) {
        var urls = properties.instances().getOrDefault(serviceId, List.of());
        var instances = new ArrayList<ServiceInstance>(urls.size());
        for (URI url : urls) {
            instances.add(new DefaultServiceInstance(serviceId + "@" + url.getAuthority(), serviceId, url.getHost(),
                    url.getPort(), "https".equals(url.getScheme())));
        }
        return instances;
    }

    @Override
    public List<String> getServices() {
        return List.copyOf(properties.instances().keySet());
    }

    @Override
    public int getOrder() {
        // Before Spring Cloud's SimpleDiscoveryClient, which knows none of these.
        return HIGHEST_PRECEDENCE;
    }
}
