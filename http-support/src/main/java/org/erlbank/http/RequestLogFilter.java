package org.erlbank.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per request a service answers: method, path, status, milliseconds. It runs inside the tracing
 * observation, so the line carries the request's trace id (the log pattern's correlation part): follow one
 * request through the gateway and both services by grepping all their logs for it.
 */
class RequestLogFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger("org.erlbank.http.requests");

    /** The probes the gateway's load balancer asks every second: no line each. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        var path = request.getRequestURI();
        return "/readyz".equals(path) || "/livez".equals(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (log.isInfoEnabled()) {
                var query = request.getQueryString();
                log.info("{} {}{} {} {} ms", request.getMethod(), request.getRequestURI(),
                        query == null ? "" : "?" + query, response.getStatus(),
                        (System.nanoTime() - start) / 1_000_000);
            }
        }
    }
}
