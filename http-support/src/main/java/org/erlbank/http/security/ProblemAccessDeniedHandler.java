package org.erlbank.http.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * A caller with a valid token who may not do what she asked: Spring Security's
 * {@link BearerTokenAccessDeniedHandler} decides the status (403) and the {@code WWW-Authenticate} challenge
 * ({@code error="insufficient_scope"} for a bearer token), and the body is an Erlbank problem ({@code forbidden}).
 */
public final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    static final String DETAIL = "Your token is valid, but it does not allow this request.";

    private final BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
    private final SecurityProblems problems;

    /** @param exceptionResolver Spring MVC's ({@code handlerExceptionResolver}), as for the entry point */
    public ProblemAccessDeniedHandler(HandlerExceptionResolver exceptionResolver) {
        this.problems = new SecurityProblems(exceptionResolver);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException accessDeniedException) {
        bearer.handle(request, response, accessDeniedException);
        problems.write(request, response, DETAIL);
    }
}
