package org.erlbank.http.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * A request without a valid bearer token: Spring Security's {@link BearerTokenAuthenticationEntryPoint} decides the
 * status and the {@code WWW-Authenticate} challenge (RFC 6750: {@code error="invalid_token"} for a token that is not
 * valid), and the body is an Erlbank problem ({@code unauthorized}) like every other error's.
 */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final SecurityProblems problems;

    /**
     * @param exceptionResolver Spring MVC's ({@code handlerExceptionResolver}): the service's advice writes the
     *        problem, with its trace id, as it writes every other
     */
    public ProblemAuthenticationEntryPoint(HandlerExceptionResolver exceptionResolver) {
        this.problems = new SecurityProblems(exceptionResolver);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException authException) {
        bearer.commence(request, response, authException);
        problems.write(request, response, detail(authException));
    }

    /** What went wrong, in words that do not echo the token or its claims back. */
    private static String detail(AuthenticationException ex) {
        if (ex instanceof OAuth2AuthenticationException oauth2) {
            return switch (oauth2.getError().getErrorCode()) {
                case BearerTokenErrorCodes.INVALID_TOKEN ->
                        "The bearer token is not valid: expired, not issued for Erlbank, or not signed by its "
                                + "auth-server. Get a new one.";
                case BearerTokenErrorCodes.INVALID_REQUEST ->
                        "The request carries its bearer token in a way it may not (more than one, or malformed).";
                default -> "The bearer token is not accepted here.";
            };
        }
        return "This resource needs a bearer token from Erlbank's auth-server in the Authorization header.";
    }
}
