package org.erlbank.http.balancing;

import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;

/**
 * Spring Cloud LoadBalancer over the configured instances of each service ({@code erlbank.balancing.instances}), in
 * every process that has it on its class path (the gateway, account-service): health-checked on each instance's
 * readiness, an instance that refused a connection left out at once ({@link InstanceChoice}).
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier")
@EnableConfigurationProperties(InstanceProperties.class)
@LoadBalancerClients(defaultConfiguration = InstanceChoice.class)
public class ErlbankBalancingAutoConfiguration {

    @Bean
    ConfiguredInstances configuredInstances(InstanceProperties properties) {
        return new ConfiguredInstances(properties);
    }

    @Bean
    UnreachableInstances unreachableInstances(InstanceProperties properties) {
        return new UnreachableInstances(properties, Clock.systemUTC());
    }
}
