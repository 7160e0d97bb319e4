package org.erlbank.gateway.edge;

import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every answer of the gateway names its trace: {@code traceresponse: 00-<trace id>-<the gateway's span id>-<flags>}
 * (W3C Trace Context Level 2), so that a client finds the trace of what it just did in a trace viewer, and a user's
 * report can quote it. The trace is the one the gateway started, or the caller's own when it sent a
 * {@code traceparent}.
 */
final class TraceResponseFilter extends OncePerRequestFilter {

    static final String HEADER = "traceresponse";

    private final ObjectProvider<Tracer> tracer;

    TraceResponseFilter(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var current = tracer.getIfAvailable(() -> Tracer.NOOP).currentSpan();
        // A trace that is not sampled has its ids all the same (its spans are not recorded): named with flags 00.
        var context = current == null ? null : current.context();
        if (context != null && context.traceId() != null && !context.traceId().isEmpty()) {
            response.setHeader(HEADER, "00-" + context.traceId() + "-" + context.spanId() + "-"
                    + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00"));
        }
        chain.doFilter(request, response);
    }
}
