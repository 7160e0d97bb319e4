package org.erlbank.gateway.edge;

import java.net.http.HttpClient;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.servlet.HandlerExceptionResolver;

@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    @Bean
    FilterRegistrationBean<EdgeFilter> edgeFilter(EdgeProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) {
        var registration = new FilterRegistrationBean<>(new EdgeFilter(properties, exceptionResolver));
        // First of ours, after tracing (+1) and the request log (+2): a refused request is logged, and its problem
        // carries its trace id.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    @Bean
    HealthIndicator customerServiceHealth(ServiceProperties services) {
        return new ServiceHealth(services.customerServiceManagement());
    }

    @Bean
    HealthIndicator accountServiceHealth(ServiceProperties services) {
        return new ServiceHealth(services.accountServiceManagement());
    }

    @Bean
    ForwardedHeadersForServices forwardedHeadersForServices() {
        return new ForwardedHeadersForServices();
    }

    /**
     * The client the gateway proxies with: the JDK's, with the configured timeouts, so that a
     * service that does not answer costs a request at most the read timeout.
     */
    @Bean
    ClientHttpRequestFactory gatewayRequestFactory(EdgeProperties properties) {
        var client = HttpClient.newBuilder()
                // The services speak HTTP/1.1: no h2c upgrade attempt on every new connection, and a pooled
                // connection a restarted service closed is retried for idempotent requests instead of failing.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        var factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(properties.readTimeout());
        return factory;
    }
}
