package org.erlbank.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import org.erlbank.http.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A logged-in user's access token could not be renewed for relaying ({@code TokenRelay} refreshes one that is about
 * to expire): auth-server refused the refresh (her login ended there, or was disabled), so her session here ends
 * too and she is asked to log in again (401); or auth-server could not be asked (503).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class LoginSessionProblems {

    static final ProblemType LOGIN_UNAVAILABLE = new ProblemType("login-unavailable",
            "The login service is unavailable", HttpStatus.SERVICE_UNAVAILABLE);

    private static final Logger log = LoggerFactory.getLogger(LoginSessionProblems.class);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tokenNotRenewed(OAuth2AuthorizationException ex, HttpServletRequest request) {
        if (OAuth2ErrorCodes.INVALID_GRANT.equals(ex.getError().getErrorCode())) {
            var session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(ProblemType.UNAUTHORIZED.with(
                            "Your login has ended at auth-server: log in again."));
        }
        log.warn("Renewing a user's access token failed: {}", ex.getMessage());
        return ResponseEntity.status(LOGIN_UNAVAILABLE.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(LOGIN_UNAVAILABLE.with("Your access token could not be renewed at auth-server; try again."));
    }
}
