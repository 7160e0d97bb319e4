package org.erlbank.auth.problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A body the actuator endpoints cannot read (not JSON, or a list where a value belongs: they read the body as a map
 * of strings) is a {@code malformed-request} problem, as at every Erlbank service. The management context is a child
 * of this one and finds this advice there, before Boot's own problem details handler (order 0).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MalformedRequests {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.detail(HttpStatus.BAD_REQUEST, "malformed-request", "The request cannot be read",
                        "The body is not a JSON object of strings."));
    }
}
