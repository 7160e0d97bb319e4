package org.erlbank.customer.faults;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class FaultConfiguration {

    @Bean
    FaultInjection faultInjection() {
        return new FaultInjection();
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
