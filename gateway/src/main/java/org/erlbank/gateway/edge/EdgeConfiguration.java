package org.erlbank.gateway.edge;

import io.micrometer.tracing.Tracer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.servlet.HandlerExceptionResolver;

@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    /** Connections to each service at most: as many requests as the gateway has in flight to it. */
    static final int MAX_CONNECTIONS = 500;

    @Bean
    FilterRegistrationBean<EdgeFilter> edgeFilter(EdgeProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) {
        var registration = new FilterRegistrationBean<>(new EdgeFilter(properties, exceptionResolver));
        // First of ours, after tracing (+1) and the request log (+2): a refused request is logged, and its problem
        // carries its trace id.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    /** After tracing (+1), which has begun the request's span by then. */
    @Bean
    FilterRegistrationBean<TraceResponseFilter> traceResponseFilter(ObjectProvider<Tracer> tracer) {
        var registration = new FilterRegistrationBean<>(new TraceResponseFilter(tracer));
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
    HeadersForServices headersForServices() {
        return new HeadersForServices();
    }

    /**
     * The client the gateway proxies with: Apache HttpClient 5 (classic, blocking I/O on the request's thread, a
     * virtual one on Java 21 or newer), pooling kept-alive connections to the services, with the configured
     * timeouts, so that a service that does not answer costs a request at most the read timeout. It passes bodies
     * through as they are (no decompression), keeps no cookies, follows no redirects, and repeats an idempotent
     * request once when a pooled connection turns out to be closed (a restarted service). The benchmark chose it
     * over the JDK's client: the same proxying at about half the CPU (README, "Benchmarks").
     */
    @Bean(destroyMethod = "close")
    CloseableHttpClient gatewayHttpClient(EdgeProperties properties) {
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        .setSocketTimeout(Timeout.of(properties.readTimeout()))
                        // A pooled connection idle this long is checked before it is used again.
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                // Leasing a connection under one lock per route, not one for the whole pool: the strict policy's
                // lock was a tenth of the gateway's time at saturation (JFR).
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .build();
        return HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }

    @Bean
    ClientHttpRequestFactory gatewayRequestFactory(CloseableHttpClient gatewayHttpClient, EdgeProperties properties) {
        var factory = new HttpComponentsClientHttpRequestFactory(gatewayHttpClient);
        factory.setReadTimeout(properties.readTimeout());
        return factory;
    }
}
