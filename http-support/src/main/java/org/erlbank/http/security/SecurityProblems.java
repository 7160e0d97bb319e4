package org.erlbank.http.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.erlbank.http.ProblemException;
import org.erlbank.http.ProblemType;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Writes the problem for a status Spring Security has already set, from a filter, the way a filter of http-support
 * does: as a {@link ProblemException} handed to Spring MVC's exception resolver, so that the service's advice
 * ({@code ErlbankExceptionHandler}) answers it in the shape and with the trace id of every other problem.
 */
final class SecurityProblems {

    private final HandlerExceptionResolver exceptionResolver;

    SecurityProblems(HandlerExceptionResolver exceptionResolver) {
        this.exceptionResolver = exceptionResolver;
    }

    void write(HttpServletRequest request, HttpServletResponse response, String detail) {
        int status = response.getStatus();
        var problem = ProblemType.forStatus(status).with(detail);
        problem.setStatus(status);
        var handled = exceptionResolver.resolveException(request, response, null, new ProblemException(problem));
        if (handled == null && !response.isCommitted()) {
            // A service without an ErlbankExceptionHandler: the type and the status at least, as ProblemReportValve.
            writeMinimal(response, ProblemType.forStatus(status).json(status, null));
        }
    }

    private static void writeMinimal(HttpServletResponse response, String json) {
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(json);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
