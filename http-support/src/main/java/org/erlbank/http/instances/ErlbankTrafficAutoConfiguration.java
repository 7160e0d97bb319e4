package org.erlbank.http.instances;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * {@link TrafficEndpoint} where the application keeps an availability state (not in test slices, which have none)
 * and the endpoint is exposed ({@code traffic} in {@code management.endpoints.web.exposure.include}).
 */
@AutoConfiguration(after = ApplicationAvailabilityAutoConfiguration.class)
@ConditionalOnBean(ApplicationAvailability.class)
public class ErlbankTrafficAutoConfiguration {

    @Bean
    @ConditionalOnAvailableEndpoint
    TrafficEndpoint trafficEndpoint(ApplicationAvailability availability, ApplicationEventPublisher events) {
        return new TrafficEndpoint(availability, events);
    }
}
