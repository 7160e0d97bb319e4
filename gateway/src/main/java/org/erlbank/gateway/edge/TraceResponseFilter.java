package org.erlbank.gateway.edge;

import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every answer of the gateway names its trace: {@code traceresponse: 00-<trace id>-<the gateway's span id>-<flags>}
 * (W3C Trace Context Level 2), so that a client finds the trace of what it just did in a trace viewer, and a user's
 * report can quote it. The trace is the one the gateway started, or the caller's own when it sent a
 * {@code traceparent}.
 */
final class TraceResponseFilter extends OncePerRequestFilter {

    static final String HEADER = "traceresponse";

    /** Looked up at the first request, not at every one (a lookup in the bean factory was 3 % of the CPU, JFR). */
    private final Supplier<Tracer> tracer;

    TraceResponseFilter(ObjectProvider<Tracer> tracer) {
        this.tracer = SingletonSupplier.of(() -> tracer.getIfAvailable(() -> Tracer.NOOP));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var current = tracer.get().currentSpan();
        // A trace that is not sampled still has its ids, though no span of it is recorded: named with flags 00.
        var context = current == null ? null : current.context();
        if (context != null && context.traceId() != null && !context.traceId().isEmpty()) {
            response.setHeader(HEADER, "00-" + context.traceId() + "-" + context.spanId() + "-"
                    + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00"));
        }
        chain.doFilter(request, response);
    }
}
