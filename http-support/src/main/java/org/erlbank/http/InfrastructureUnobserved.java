package org.erlbank.http;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Requests of the machinery, not of the bank, are neither traced nor timed: the balancers' readiness checks
 * ({@code /readyz}, every second per instance), liveness ({@code /livez}) and the actuator (Prometheus' scrapes every
 * two seconds, health). Left in, they would be most of the traces a viewer lists. Everything observed while serving
 * such a request (its authentication, say) is left out with it.
 */
final class InfrastructureUnobserved implements ObservationPredicate {

    @Override
    public boolean test(String name, Observation.Context context) {
        HttpServletRequest request = null;
        if (context instanceof ServerRequestObservationContext server) {
            request = server.getCarrier();
        } else if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            request = attributes.getRequest();
        }
        return request == null || !infrastructure(request.getRequestURI());
    }

    static boolean infrastructure(String path) {
        return path != null && (path.equals("/readyz") || path.equals("/livez") || path.equals("/actuator")
                || path.startsWith("/actuator/"));
    }
}
