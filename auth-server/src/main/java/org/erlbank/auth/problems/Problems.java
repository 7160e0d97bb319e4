package org.erlbank.auth.problems;

import java.net.URI;
import java.util.List;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Problems the actuator endpoints answer with, as every Erlbank service shapes them (http-support's
 * {@code ProblemType} and {@code ErlbankProblem}): a type under {@link #BASE}, a title, a detail, and for
 * {@code validation-failed} the broken fields in {@code errors}. auth-server does not take in http-support, whose
 * filters are made for the resource APIs.
 */
public final class Problems {

    /** Where every Erlbank problem type lives. */
    public static final String BASE = "https://erlbank.example/problems/";

    /**
     * One broken rule of a {@code validation-failed} problem.
     */
    public record FieldError(String field, String message) {
    }

    private Problems() {
    }

    public static WebEndpointResponse<Object> problem(HttpStatus status, String slug, String title, String detail) {
        return answer(detail(status, slug, title, detail));
    }

    public static WebEndpointResponse<Object> validationFailed(List<FieldError> errors) {
        var problem = detail(HttpStatus.BAD_REQUEST, "validation-failed", "The request is not valid",
                errors.size() == 1 ? "One field is not valid." : errors.size() + " fields are not valid.");
        problem.setProperty("errors", errors);
        return answer(problem);
    }

    private static WebEndpointResponse<Object> answer(ProblemDetail problem) {
        return new WebEndpointResponse<>(problem, problem.getStatus(), MediaType.APPLICATION_PROBLEM_JSON);
    }

    static ProblemDetail detail(HttpStatus status, String slug, String title, String detail) {
        var problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create(BASE + slug));
        problem.setTitle(title);
        problem.setDetail(detail);
        return problem;
    }
}
