package org.erlbank.http;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A kind of error an Erlbank service answers with: a stable RFC 9457 {@code type} URI that clients may switch on,
 * a title and a status. The kinds every service shares are constants here; each service adds its own.
 *
 * @param slug the last segment of the type URI, such as {@code customer-not-found}
 */
public record ProblemType(String slug, String title, HttpStatus status) {

    /** Where every Erlbank problem type lives. */
    public static final String BASE = "https://erlbank.example/problems/";

    public static final ProblemType VALIDATION_FAILED =
            new ProblemType("validation-failed", "The request is not valid", HttpStatus.BAD_REQUEST);
    public static final ProblemType MALFORMED_REQUEST =
            new ProblemType("malformed-request", "The request cannot be read", HttpStatus.BAD_REQUEST);
    /** No bearer token, or one that is not valid (expired, forged, not for Erlbank). */
    public static final ProblemType UNAUTHORIZED =
            new ProblemType("unauthorized", "Authentication required", HttpStatus.UNAUTHORIZED);
    /** A valid token whose caller may not do this. */
    public static final ProblemType FORBIDDEN = new ProblemType("forbidden", "Forbidden", HttpStatus.FORBIDDEN);
    public static final ProblemType NOT_FOUND = new ProblemType("not-found", "Not found", HttpStatus.NOT_FOUND);
    public static final ProblemType METHOD_NOT_ALLOWED =
            new ProblemType("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED);
    public static final ProblemType NOT_ACCEPTABLE =
            new ProblemType("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE);
    public static final ProblemType PRECONDITION_FAILED =
            new ProblemType("precondition-failed", "The resource has changed", HttpStatus.PRECONDITION_FAILED);
    public static final ProblemType PAYLOAD_TOO_LARGE =
            new ProblemType("payload-too-large", "The request body is too large", HttpStatus.CONTENT_TOO_LARGE);
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE =
            new ProblemType("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    public static final ProblemType PRECONDITION_REQUIRED =
            new ProblemType("precondition-required", "If-Match is required", HttpStatus.PRECONDITION_REQUIRED);
    public static final ProblemType BUSY =
            new ProblemType("busy", "Busy: try again", HttpStatus.SERVICE_UNAVAILABLE);
    public static final ProblemType IDEMPOTENCY_KEY_INVALID = new ProblemType("idempotency-key-invalid",
            "The Idempotency-Key header is not valid", HttpStatus.BAD_REQUEST);
    public static final ProblemType IDEMPOTENCY_KEY_REUSED = new ProblemType("idempotency-key-reused",
            "This Idempotency-Key was used for a different request", HttpStatus.UNPROCESSABLE_CONTENT);
    public static final ProblemType IDEMPOTENCY_KEY_IN_FLIGHT = new ProblemType("idempotency-key-in-flight",
            "A request with this Idempotency-Key is still being processed", HttpStatus.CONFLICT);
    public static final ProblemType INTERNAL_ERROR =
            new ProblemType("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR);

    public URI uri() {
        return URI.create(BASE + slug);
    }

    /** A problem of this type, with a detail for this occurrence. */
    public ProblemDetail with(String detail) {
        var problem = ProblemDetail.forStatus(status);
        problem.setType(uri());
        problem.setTitle(title);
        if (detail != null) {
            problem.setDetail(detail);
        }
        return problem;
    }

    /**
     * This problem as JSON, written by hand: for the few places that answer where Spring MVC's converters cannot
     * (Tomcat's error report, a filter chain of a service without Erlbank's advice).
     *
     * @param detail a plain sentence, or null for none
     */
    public String json(int status, String detail) {
        return "{\"type\":\"" + uri() + "\",\"title\":\"" + escaped(title) + "\",\"status\":" + status
                + (detail == null ? "" : ",\"detail\":\"" + escaped(detail) + "\"") + "}";
    }

    private static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** The type for an error that only a status code describes (one the framework raised, say). */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 412 -> PRECONDITION_FAILED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 428 -> PRECONDITION_REQUIRED;
            default -> status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
        };
    }
}
