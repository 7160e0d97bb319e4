package org.erlbank.http.security;

import org.erlbank.http.ProblemType;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A refusal raised inside a controller ({@code @PreAuthorize}'s {@code AuthorizationDeniedException}, a service's
 * own {@link AccessDeniedException}, a token that names no {@link Caller}) is a 403 problem. Without this advice the
 * services' catch-all handler for {@code Exception} ({@code ErlbankExceptionHandler}) would answer it with a 500,
 * and Spring Security's exception translation would never see it. Ordered before the services' advice, which is
 * unordered, and registered only where Spring Security is ({@link ErlbankSecurityAutoConfiguration}):
 * {@code ErlbankExceptionHandler} itself names no Spring Security type, so it loads without it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessDeniedProblems {

    private final AuthenticationTrustResolver trustResolver = new AuthenticationTrustResolverImpl();

    /**
     * A caller who has not authenticated is asked to ({@code 401} with a challenge, by Spring Security's exception
     * translation, to which the exception is given back); an authenticated one is refused.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException ex) throws AccessDeniedException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || trustResolver.isAnonymous(authentication)) {
            throw ex;
        }
        return forbidden(ProblemAccessDeniedHandler.DETAIL);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unknownCaller(UnknownCallerException ex) {
        return forbidden("Your token is valid, but it names no customer, teller or service of Erlbank.");
    }

    private static ResponseEntity<ProblemDetail> forbidden(String detail) {
        return ResponseEntity.status(ProblemType.FORBIDDEN.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemType.FORBIDDEN.with(detail));
    }
}
