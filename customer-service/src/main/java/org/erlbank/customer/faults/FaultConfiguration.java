package org.erlbank.customer.faults;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

@Configuration(proxyBeanMethods = false)
class FaultConfiguration {

    @Bean
    FaultInjection faultInjection(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) {
        return new FaultInjection(exceptionResolver);
    }

    @Bean
    FilterRegistrationBean<FaultInjection> faultInjectionFilter(FaultInjection faults) {
        var registration = new FilterRegistrationBean<>(faults);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    FaultEndpoint faultEndpoint(FaultInjection faults) {
        return new FaultEndpoint(faults);
    }
}
