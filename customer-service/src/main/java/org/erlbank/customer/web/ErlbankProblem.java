package org.erlbank.customer.web;

import java.util.List;
import org.springframework.http.ProblemDetail;

/**
 * Builds the problem details customer-service answers with.
 */
public final class ErlbankProblem {

    /**
     * One broken rule of a {@link ProblemType#VALIDATION_FAILED} problem.
     */
    public record FieldError(String field, String message) {
    }

    private ErlbankProblem() {
    }

    public static ProblemDetail of(ProblemType type, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }

    public static ProblemDetail validationFailed(List<FieldError> errors) {
        var problem = of(ProblemType.VALIDATION_FAILED, errors.size() == 1
                ? "One field is not valid."
                : errors.size() + " fields are not valid.");
        problem.setProperty("errors", errors);
        return problem;
    }
}
