package org.erlbank.http;

import jakarta.validation.ConstraintViolationException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every error into an RFC 9457 problem with a stable {@link ProblemType}, never a stack trace. Each service
 * extends it in its {@code @RestControllerAdvice} with handlers for its own errors.
 */
public abstract class ErlbankExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ErlbankExceptionHandler.class);

    /** Numbers and UUIDs in paths and parameters only as the specs write them ({@link StrictParameters}). */
    @InitBinder
    protected void strictParameters(WebDataBinder binder) {
        StrictParameters.register(binder);
    }

    @ExceptionHandler
    protected ResponseEntity<Object> optimisticLockingFailure(OptimisticLockingFailureException ex, WebRequest request) {
        return problem(ProblemType.PRECONDITION_FAILED.with(
                "The resource has changed since you read it: read it again, then repeat your change."), request);
    }

    /** Waited too long for a lock another request holds: nothing was written, and trying again will do. */
    @ExceptionHandler
    protected ResponseEntity<Object> lockTimeout(PessimisticLockingFailureException ex, WebRequest request) {
        return busy(ex, "Too many requests are changing the same data at once; nothing was changed. Try again.",
                request);
    }

    /**
     * A request outlived its transaction's timeout (a request with an Idempotency-Key holds its key that long at
     * most): it was rolled back, nothing was written, and sending it again will do.
     */
    @ExceptionHandler
    protected ResponseEntity<Object> transactionTimedOut(TransactionTimedOutException ex, WebRequest request) {
        return busy(ex, "The request took too long and was undone; nothing was changed. Try again.", request);
    }

    /** 503 busy: nothing was written, and trying again in a second will do. */
    private ResponseEntity<Object> busy(Exception ex, String detail, WebRequest request) {
        var headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return handleExceptionInternal(ex, ProblemType.BUSY.with(detail), headers, HttpStatus.SERVICE_UNAVAILABLE,
                request);
    }

    @ExceptionHandler
    protected ResponseEntity<Object> problemException(ProblemException ex, WebRequest request) {
        return problem(ex.problem(), request);
    }

    @ExceptionHandler
    protected ResponseEntity<Object> preconditionRequired(PreconditionRequiredException ex, WebRequest request) {
        return problem(ProblemType.PRECONDITION_REQUIRED.with(ex.getMessage()), request);
    }

    @ExceptionHandler
    protected ResponseEntity<Object> payloadTooLarge(PayloadTooLargeException ex, WebRequest request) {
        return problem(ProblemType.PAYLOAD_TOO_LARGE.with(ex.getMessage()), request);
    }

    @ExceptionHandler
    protected ResponseEntity<Object> invalidField(InvalidFieldException ex, WebRequest request) {
        return problem(ErlbankProblem.validationFailed(ex.field(), ex.getMessage()), request);
    }

    @ExceptionHandler
    protected ResponseEntity<Object> constraintViolation(ConstraintViolationException ex, WebRequest request) {
        var errors = ex.getConstraintViolations().stream()
                .map(violation -> new ErlbankProblem.FieldError(lastNode(violation.getPropertyPath().toString()),
                        violation.getMessage()))
                .sorted(Comparator.comparing(ErlbankProblem.FieldError::field))
                .toList();
        return problem(ErlbankProblem.validationFailed(errors), request);
    }

    /**
     * Tomcat could not read the parameters (a form body it cannot decode, too many parameters, a query that
     * {@link RequestSyntaxFilter} did not see): the client's fault, as Tomcat's error code says, never ours.
     */
    @ExceptionHandler
    protected ResponseEntity<Object> invalidParameters(InvalidParameterException ex, WebRequest request) {
        var status = ex.getErrorCode() >= 400 && ex.getErrorCode() < 500 ? ex.getErrorCode() : 400;
        var problem = ProblemType.forStatus(status).with("The request's parameters cannot be read.");
        problem.setStatus(status);
        return problem(problem, request);
    }

    @ExceptionHandler
    protected ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        log.error("Unexpected error answering {}", request.getDescription(false), ex);
        return problem(ProblemType.INTERNAL_ERROR.with(
                "Something went wrong on our side. Nothing you can change in the request will fix it."), request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return problem(ProblemType.NOT_FOUND.with("There is nothing at /" + ex.getResourcePath() + "."),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new ErlbankProblem.FieldError(error.getField(), message(error.getField(), error)))
                .sorted(Comparator.comparing(ErlbankProblem.FieldError::field)
                        .thenComparing(ErlbankProblem.FieldError::message))
                .toList();
        return problem(ErlbankProblem.validationFailed(errors), request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new ErlbankProblem.FieldError(result.getMethodParameter().getParameterName(),
                                message(result.getMethodParameter().getParameterName(), error))))
                .toList();
        return problem(ErlbankProblem.validationFailed(errors), request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        var type = ex.getRequiredType() == null ? "value" : ex.getRequiredType().getSimpleName();
        var expected = switch (type) {
            case "UUID" -> "a UUID";
            case "Integer", "int", "Long", "long" -> "a whole number";
            default -> "a valid " + type.toLowerCase();
        };
        return problem(ErlbankProblem.validationFailed(
                List.of(new ErlbankProblem.FieldError(ex.getPropertyName(), "must be " + expected))), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var tooLarge = causeOfType(ex, PayloadTooLargeException.class);
        if (tooLarge.isPresent()) {
            return payloadTooLarge(tooLarge.get(), request);
        }
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return problem(ErlbankProblem.validationFailed(List.of(new ErlbankProblem.FieldError(
                        pointer(unknown), "is not a field of this resource"))), request);
            }
            if (cause instanceof InvalidNullException nullValue) {
                return problem(ErlbankProblem.validationFailed(List.of(new ErlbankProblem.FieldError(
                        pointer(nullValue), "must not be null"))), request);
            }
            if (cause instanceof StreamReadException) {
                return problem(ProblemType.MALFORMED_REQUEST.with("The body is not valid JSON."), request);
            }
            if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                return problem(ProblemType.MALFORMED_REQUEST.with(
                        "The value of '" + pointer(jackson) + "' has the wrong type."), request);
            }
        }
        return problem(ProblemType.MALFORMED_REQUEST.with(
                "The body is missing or cannot be read as JSON."), request);
    }

    /**
     * Gives the problems the framework raises (405, 406, 415, ...) our stable types.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            var type = ProblemType.forStatus(statusCode.value());
            problem.setType(type.uri());
            problem.setTitle(type.title());
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /** The answer for a problem, with our types filled in where the framework left them blank. */
    protected final ResponseEntity<Object> problem(ProblemDetail problem, WebRequest request) {
        return createResponseEntity(problem, new HttpHeaders(), HttpStatusCode.valueOf(problem.getStatus()),
                request);
    }

    /** The first exception of a type in a chain of causes, the exception itself included. */
    protected static <T extends Throwable> Optional<T> causeOfType(Throwable ex, Class<T> type) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    private static String pointer(JacksonException ex) {
        return ex.getPath().stream()
                .map(reference -> reference.getPropertyName() != null
                        ? reference.getPropertyName()
                        : String.valueOf(reference.getIndex()))
                .collect(Collectors.joining("."));
    }

    private static String lastNode(String propertyPath) {
        return propertyPath.substring(propertyPath.lastIndexOf('.') + 1);
    }

    private String message(String field, MessageSourceResolvable error) {
        var codes = error.getCodes() == null ? new String[0] : error.getCodes();
        var code = codes.length == 0 ? "" : codes[codes.length - 1];
        return messageFor(field, code, error.getDefaultMessage());
    }

    /**
     * The message for a broken bean-validation rule on a field. Services override it where the generated models'
     * constraints (a regular expression, say) would speak less clearly than a sentence.
     *
     * @param constraint the constraint's simple name, such as {@code Pattern} or {@code NotNull}
     */
    protected String messageFor(String field, String constraint, String defaultMessage) {
        return switch (constraint) {
            case "Pattern" -> "has the wrong format";
            case "NotNull" -> "is required";
            default -> defaultMessage;
        };
    }
}
