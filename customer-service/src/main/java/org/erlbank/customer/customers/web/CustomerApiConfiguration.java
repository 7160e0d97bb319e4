package org.erlbank.customer.customers.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class CustomerApiConfiguration {

    /**
     * Every answer under v1's paths, before anything else can answer (the body limit, a replayed idempotent answer),
     * and after the forwarded headers are applied (its links lead to the host the client asked).
     */
    @Bean
    FilterRegistrationBean<CustomerApiV1Deprecation> customerApiV1Deprecation(CustomerApiProperties properties) {
        var registration = new FilterRegistrationBean<>(new CustomerApiV1Deprecation(properties.v1()));
        registration.addUrlPatterns("/customers/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }
}
