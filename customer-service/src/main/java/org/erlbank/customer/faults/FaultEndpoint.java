package org.erlbank.customer.faults;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/fault} on the management port: read the fault, set one, clear it.
 * {@code POST {"mode": "delay", "value": 500}}, {@code {"mode": "error", "value": 30}}, {@code {"mode": "hang"}};
 * {@code DELETE} clears it. Each answer also tells how many requests a hang holds now ({@code held}).
 */
@Endpoint(id = "fault")
public class FaultEndpoint {

    private final FaultInjection faults;

    FaultEndpoint(FaultInjection faults) {
        this.faults = faults;
    }

    @ReadOperation
    public Map<String, Object> current() {
        return describe(faults.current());
    }

    @WriteOperation
    public Map<String, Object> inject(String mode, @org.springframework.lang.Nullable Integer value) {
        try {
            var fault = switch (mode) {
                case "delay" -> Fault.delay(Duration.ofMillis(required(value, mode)));
                case "error" -> Fault.errors(required(value, mode));
                case "hang" -> Fault.hanging();
                case "clear", "none" -> Fault.NONE;
                default -> throw new IllegalArgumentException("mode is delay, error, hang or clear, not " + mode);
            };
            faults.set(fault);
            return describe(fault);
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException(e.getMessage(), e.getMessage());
        }
    }

    @DeleteOperation
    public Map<String, Object> clear() {
        faults.set(Fault.NONE);
        return describe(Fault.NONE);
    }

    private static int required(Integer value, String mode) {
        if (value == null) {
            throw new IllegalArgumentException(mode + " needs a value");
        }
        return value;
    }

    private Map<String, Object> describe(Fault fault) {
        return Map.of("fault", fault.describe(), "delayMillis", fault.delay().toMillis(),
                "errorPercent", fault.errorPercent(), "hang", fault.hang(), "held", faults.held());
    }
}
