package org.erlbank.gateway.balancing;

import org.springframework.cloud.gateway.server.mvc.filter.FilterSupplier;
import org.springframework.cloud.gateway.server.mvc.filter.SimpleFilterSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's routes go to {@code lb://customer-service} and {@code lb://account-service}: Spring Cloud
 * LoadBalancer over each service's configured instances (http-support's {@code ErlbankBalancingAutoConfiguration}),
 * and the {@code RetryElsewhere} route filter for requests that are safe to repeat.
 */
@Configuration(proxyBeanMethods = false)
class LoadBalancingConfiguration {

    /** Makes {@code RetryElsewhere} a filter the routes in {@code application.yml} can name. */
    @Bean
    FilterSupplier retryElsewhereFilters() {
        return new SimpleFilterSupplier(RetryElsewhere.class);
    }
}
