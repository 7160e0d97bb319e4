package org.erlbank.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.erlbank.http.ProblemException;
import org.erlbank.http.ProblemType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * A browser's write without a valid CSRF token, or from another origin: a 403 problem, written by the gateway's
 * advice like every other problem. No {@code WWW-Authenticate}: the caller has a login, a token would not help.
 */
final class CsrfProblems implements AccessDeniedHandler {

    static final String DETAIL = "A write from the browser needs the CSRF token: the value of the XSRF-TOKEN cookie"
            + " in the X-XSRF-TOKEN header, sent from the gateway's own pages.";

    private final HandlerExceptionResolver exceptionResolver;

    CsrfProblems(HandlerExceptionResolver exceptionResolver) {
        this.exceptionResolver = exceptionResolver;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex) {
        exceptionResolver.resolveException(request, response, null,
                new ProblemException(ProblemType.FORBIDDEN.with(DETAIL)));
    }
}
