package org.erlbank.http.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * A request without a valid bearer token: the status and the {@code WWW-Authenticate} challenge of RFC 6750 (a bare
 * {@code Bearer} without a token, {@code error="invalid_token"} for a token that is not valid, the status a
 * {@link BearerTokenError} names), and the body is an Erlbank problem ({@code unauthorized}) like every other error's.
 * <p>
 * Written here rather than by Spring Security's {@code BearerTokenAuthenticationEntryPoint}: from 7.0 that adds an
 * RFC 9728 {@code resource_metadata} URL built from the request's own host, which no service serves and which behind
 * the gateway would name a service's address, where every link a client sees must name the gateway's.
 */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

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
        var status = HttpStatus.UNAUTHORIZED;
        var challenge = "Bearer";
        if (authException instanceof OAuth2AuthenticationException oauth2) {
            var error = oauth2.getError();
            if (error instanceof BearerTokenError bearerError) {
                status = bearerError.getHttpStatus();
            }
            // The code only: the description Spring Security writes can quote the token's claims.
            challenge = "Bearer error=\"" + error.getErrorCode() + "\"";
        }
        response.setStatus(status.value());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
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
