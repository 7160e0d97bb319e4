package org.erlbank.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses a JSON or text body that is not well-formed UTF-8 with a 400 {@code malformed-request} problem, before
 * anything reads it. Jackson's decoder is lenient: it reads the overlong {@code C0 AF} as {@code /} and lets
 * UTF-8-encoded surrogates through, so such a body used to change a customer. JSON is UTF-8 whatever its
 * {@code charset} says (RFC 8259, section 8.1); text is checked when it declares UTF-8 or nothing.
 * <p>
 * Runs after {@link RequestBodyLimitFilter}, so the body it holds in memory is bounded, and before the
 * idempotency filter, so that a refused body claims no key.
 */
class Utf8BodyFilter extends OncePerRequestFilter {

    private final HandlerExceptionResolver exceptionResolver;

    Utf8BodyFilter(HandlerExceptionResolver exceptionResolver) {
        this.exceptionResolver = exceptionResolver;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!utf8Text(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (PayloadTooLargeException ex) {
            exceptionResolver.resolveException(request, response, null, ex);
            return;
        }
        if (!RequestSyntaxFilter.utf8(body)) {
            exceptionResolver.resolveException(request, response, null, new ProblemException(
                    ProblemType.MALFORMED_REQUEST.with("The body is not well-formed UTF-8: it holds an overlong,"
                            + " cut-short or surrogate sequence, or a byte that UTF-8 never uses.")));
            return;
        }
        chain.doFilter(new ReadBodyRequest(request, body), response);
    }

    /** JSON of any kind ({@code application/json}, {@code application/hal+json}, ...), and text in UTF-8. */
    static boolean utf8Text(String contentType) {
        if (contentType == null) {
            return false;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException ex) {
            return false; // Spring MVC answers it with 415 (or the gateway with its own problem)
        }
        if ("json".equalsIgnoreCase(type.getSubtype()) || type.getSubtype().toLowerCase().endsWith("+json")) {
            return true;
        }
        if (!"text".equalsIgnoreCase(type.getType())) {
            return false;
        }
        try {
            return type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset());
        } catch (IllegalArgumentException ex) {
            return false; // an unknown charset: not ours to judge here
        }
    }
}
