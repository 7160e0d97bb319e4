package org.erlbank.gateway.edge;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.erlbank.http.ErlbankExceptionHandler;
import org.erlbank.http.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.context.request.WebRequest;

/**
 * The gateway's own errors, in the same shape as the services' problems: a host it does not answer to, and a
 * service that cannot be reached, does not answer in time, or breaks off.
 */
@RestControllerAdvice
class GatewayProblems extends ErlbankExceptionHandler {

    static final ProblemType HOST_NOT_ALLOWED =
            new ProblemType("host-not-allowed", "Host not allowed", HttpStatus.BAD_REQUEST);
    static final ProblemType SERVICE_UNAVAILABLE =
            new ProblemType("service-unavailable", "The service is unavailable", HttpStatus.SERVICE_UNAVAILABLE);
    static final ProblemType SERVICE_TIMEOUT =
            new ProblemType("service-timeout", "The service did not answer in time", HttpStatus.GATEWAY_TIMEOUT);
    static final ProblemType BAD_GATEWAY =
            new ProblemType("bad-gateway", "The service failed to answer", HttpStatus.BAD_GATEWAY);

    private static final Logger log = LoggerFactory.getLogger(GatewayProblems.class);

    @ExceptionHandler
    ResponseEntity<Object> hostNotAllowed(HostNotAllowedException ex, WebRequest request) {
        return problem(HOST_NOT_ALLOWED.with(ex.getMessage()), request);
    }

    @ExceptionHandler
    ResponseEntity<Object> serviceUnreachable(ResourceAccessException ex, WebRequest request) {
        log.warn("Proxying {} failed: {}", request.getDescription(false), ex.getMessage());
        // Refused, or not even accepted within the connect timeout: the service is not there.
        var type = causeOfType(ex, ConnectException.class).isPresent()
                || causeOfType(ex, ConnectTimeoutException.class).isPresent() ? SERVICE_UNAVAILABLE
                : causeOfType(ex, SocketTimeoutException.class).isPresent() ? SERVICE_TIMEOUT
                : BAD_GATEWAY;
        return problem(type.with(switch (type.status()) {
            case SERVICE_UNAVAILABLE -> "The service behind this resource does not accept connections.";
            case GATEWAY_TIMEOUT -> "The service behind this resource did not answer in time.";
            default -> "The service behind this resource broke off its answer.";
        }), request);
    }
}
