package org.erlbank.http;

import org.springframework.http.ProblemDetail;

/**
 * An error that already knows its problem: raised where no controller is (a filter), answered by the advice like
 * any other.
 */
public class ProblemException extends RuntimeException {

    private final transient ProblemDetail problem;

    public ProblemException(ProblemDetail problem) {
        super(problem.getDetail());
        this.problem = problem;
    }

    public ProblemDetail problem() {
        return problem;
    }
}
