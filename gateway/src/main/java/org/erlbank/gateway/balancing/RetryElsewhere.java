package org.erlbank.gateway.balancing;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import org.springframework.cloud.gateway.server.mvc.filter.RetryFilterFunctions;
import org.springframework.cloud.gateway.server.mvc.filter.RetryFilterFunctions.BackoffConfig;
import org.springframework.cloud.gateway.server.mvc.filter.RetryFilterFunctions.RetryConfig;
import org.springframework.http.HttpMethod;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The gateway's retry, only where repeating a request cannot do harm: a request that never reached an instance, or
 * that an instance dropped without an answer (killed mid-request), is sent again, to another instance (the load
 * balancer chooses anew each time, and leaves out an instance that just refused a connection), if it is a
 * {@code GET}, {@code HEAD} or {@code OPTIONS}, or a write that carries an {@code Idempotency-Key} (the services keep
 * the keys in the database all instances share, so a repeated write is answered, not applied again). A write without
 * a key is never repeated: the instance may have booked it before it fell silent. A request that timed out is not
 * repeated either: the instance is there and slow, and another try would only double the wait and its load (the
 * cascade demo's hanging customer-service).
 *
 * <p>Spring Cloud Gateway's own {@code Retry} filter does the retrying; what is ours is which requests it may touch
 * and which failures count. (Its {@code exceptions} match a failure's class, not its cause, and the proxy's client
 * reports a refused connection and a timeout alike as {@link ResourceAccessException}; so the failures that may be
 * repeated are told apart here, as {@link InstanceFailedException}.)
 */
public final class RetryElsewhere {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private RetryElsewhere() {
    }

    /**
     * The route filter {@code RetryElsewhere}: up to {@code retries} more tries after the first.
     *
     * @param retries how many times a failed request may be repeated
     */
    public static HandlerFilterFunction<ServerResponse, ServerResponse> retryElsewhere(int retries) {
        HandlerFilterFunction<ServerResponse, ServerResponse> failures = (request, next) -> {
            try {
                return next.handle(request);
            } catch (ResourceAccessException ex) {
                if (repeatable(ex)) {
                    throw new InstanceFailedException(ex);
                }
                throw ex;
            }
        };
        var safe = RetryFilterFunctions.retry(config(retries, false)).andThen(failures);
        // A write's body is read once from the client and kept, so that it can be sent again.
        var keyedWrite = RetryFilterFunctions.retry(config(retries, true)).andThen(failures);
        return (request, next) -> {
            HandlerFilterFunction<ServerResponse, ServerResponse> retrying = SAFE.contains(request.method()) ? safe
                    : request.headers().firstHeader(IDEMPOTENCY_KEY) != null ? keyedWrite : null;
            if (retrying == null) {
                return next.handle(request);
            }
            try {
                return retrying.filter(request, next);
            } catch (org.springframework.core.retry.RetryException ex) {
                // The retry gave up (or was not allowed to try): the last failure is the answer, as without it.
                throw ex.getLastException() instanceof Exception last ? unwrapped(last) : ex;
            } catch (InstanceFailedException ex) {
                throw ex.getCause();
            }
        };
    }

    private static Exception unwrapped(Exception last) {
        return last instanceof InstanceFailedException failed ? failed.getCause() : last;
    }

    private static RetryConfig config(int retries, boolean cacheBody) {
        return new RetryConfig()
                .setRetries(retries)
                // Statuses are the instance's answer, passed on as they are.
                .setSeries(Set.of())
                .setExceptions(Set.of(InstanceFailedException.class))
                .setMethods(Set.of())
                .setCacheBody(cacheBody)
                // At once, then a little later: the next instance is a different one, not a recovered one.
                .setBackoff(new BackoffConfig(Duration.ofMillis(5), Duration.ofMillis(50), 2));
    }

    /** No answer came: the connection was refused or dropped. Not a timeout: the instance was slow, not gone. */
    static boolean repeatable(ResourceAccessException ex) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return false;
            }
        }
        return ex.getCause() instanceof IOException;
    }

    /** A request an instance never answered, which may be sent to another. */
    static final class InstanceFailedException extends RuntimeException {

        InstanceFailedException(ResourceAccessException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        @Override
        public synchronized ResourceAccessException getCause() {
            return (ResourceAccessException) super.getCause();
        }
    }
}
