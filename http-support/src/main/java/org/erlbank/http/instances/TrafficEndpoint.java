package org.erlbank.http.instances;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;

/**
 * {@code /actuator/traffic} on the management port: takes this instance out of its balancers' rotation and puts it
 * back, by Spring Boot's own readiness state. {@code POST {"accept":false}} makes the readiness group (and
 * {@code /readyz}) answer {@code 503 OUT_OF_SERVICE}, which the balancers' health checks see within their interval
 * (a second here); the instance keeps serving whatever still reaches it. What {@code ./erlbank restart --rolling}
 * does before it stops an instance, and what the benchmark does to compare one instance with two.
 */
@Endpoint(id = "traffic")
public class TrafficEndpoint {

    private static final Logger log = LoggerFactory.getLogger(TrafficEndpoint.class);

    /** The instance's readiness: {@code ACCEPTING_TRAFFIC} or {@code REFUSING_TRAFFIC}. */
    public record State(ReadinessState readiness) {
    }

    private final ApplicationAvailability availability;
    private final ApplicationEventPublisher events;

    public TrafficEndpoint(ApplicationAvailability availability, ApplicationEventPublisher events) {
        this.availability = availability;
        this.events = events;
    }

    @ReadOperation
    public State state() {
        return new State(availability.getReadinessState());
    }

    @WriteOperation
    public State accept(boolean accept) {
        var readiness = accept ? ReadinessState.ACCEPTING_TRAFFIC : ReadinessState.REFUSING_TRAFFIC;
        log.info("Readiness set to {} through /actuator/traffic", readiness);
        AvailabilityChangeEvent.publish(events, this, readiness);
        return state();
    }
}
