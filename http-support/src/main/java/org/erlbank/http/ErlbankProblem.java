package org.erlbank.http;

import java.util.List;
import org.springframework.http.ProblemDetail;

/**
 * Problems with more to say than a detail.
 */
public final class ErlbankProblem {

    /**
     * One broken rule of a {@link ProblemType#VALIDATION_FAILED} problem.
     */
    public record FieldError(String field, String message) {
    }

    private ErlbankProblem() {
    }

    public static ProblemDetail validationFailed(List<FieldError> errors) {
        var problem = ProblemType.VALIDATION_FAILED.with(errors.size() == 1
                ? "One field is not valid."
                : errors.size() + " fields are not valid.");
        problem.setProperty("errors", errors);
        return problem;
    }

    public static ProblemDetail validationFailed(String field, String message) {
        return validationFailed(List.of(new FieldError(field, message)));
    }
}
