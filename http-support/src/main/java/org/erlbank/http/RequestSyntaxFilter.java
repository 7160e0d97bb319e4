package org.erlbank.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.regex.Pattern;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses, before anything reads them, requests whose path, query or header values no Erlbank API accepts:
 * <ul>
 * <li>a path with a dot segment ({@code /customers/../actuator/env}, {@code %2e%2e} too): {@code malformed-request}.
 * The gateway routes by the path as sent and would hand the dots on to a service;</li>
 * <li>a query string that cannot be decoded (a {@code %} without two hexadecimal digits, or escapes that are not
 * UTF-8, such as {@code %ff}): {@code malformed-request}. Tomcat only finds out when a parameter is first asked for,
 * wherever that is (a controller's argument, the gateway's proxy), and throws an exception that was answered as an
 * internal error;</li>
 * <li>a query parameter given twice or empty: {@code validation-failed}. No spec declares a list-valued parameter,
 * nor one that may be empty, and Spring would quietly take the first value, or the default;</li>
 * <li>a header value with a control character or a byte beyond ASCII: {@code malformed-request}. RFC 9110 allows
 * such bytes only as opaque legacy data; Tomcat passes them on, and an HTTP client (the gateway's) drops the header
 * rather than send them, so a service would see a request without it (an Idempotency-Key, say).</li>
 * </ul>
 */
class RequestSyntaxFilter extends OncePerRequestFilter {

    private final HandlerExceptionResolver exceptionResolver;

    RequestSyntaxFilter(HandlerExceptionResolver exceptionResolver) {
        this.exceptionResolver = exceptionResolver;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var problem = problem(request);
        if (problem != null) {
            exceptionResolver.resolveException(request, response, null, new ProblemException(problem));
            return;
        }
        chain.doFilter(request, response);
    }

    private static ProblemDetail problem(HttpServletRequest request) {
        if (hasDotSegment(request.getRequestURI())) {
            return ProblemType.MALFORMED_REQUEST.with("The path holds a dot segment ('.' or '..', plain or"
                    + " percent-encoded): no Erlbank resource has one.");
        }
        var query = request.getQueryString();
        if (query != null && !decodable(query)) {
            return ProblemType.MALFORMED_REQUEST.with("The query string cannot be decoded: every % must start an"
                    + " escape of two hexadecimal digits, and the escapes must spell UTF-8.");
        }
        if (query != null) {
            var seen = new HashSet<String>();
            for (var parameter : query.split("&", -1)) {
                int equals = parameter.indexOf('=');
                var name = URLDecoder.decode(equals < 0 ? parameter : parameter.substring(0, equals),
                        StandardCharsets.UTF_8);
                if (name.isEmpty()) {
                    continue; // "?" or "a=1&" : nothing given
                }
                if (!seen.add(name)) {
                    return ErlbankProblem.validationFailed(name, "is given more than once");
                }
                if (equals < 0 || equals == parameter.length() - 1) {
                    return ErlbankProblem.validationFailed(name, "must not be empty");
                }
            }
        }
        for (var names = request.getHeaderNames(); names.hasMoreElements();) {
            var name = names.nextElement();
            for (var values = request.getHeaders(name); values.hasMoreElements();) {
                if (!visibleAscii(values.nextElement())) {
                    return ProblemType.MALFORMED_REQUEST.with("The value of the header " + name
                            + " holds a control character or a byte beyond ASCII.");
                }
            }
        }
        return null;
    }

    private static final Pattern DOT_SEGMENT = Pattern.compile("(?i)(^|/)(\\.|%2e){1,2}(/|;|$)");

    /**
     * Whether the path, as sent, has a {@code .} or {@code ..} segment. A service's router resolves them, but a proxy
     * passes the path on as it is: {@code /customers/../actuator/env} would reach a service as a path outside the
     * route that let it through.
     */
    static boolean hasDotSegment(String rawPath) {
        return rawPath != null && DOT_SEGMENT.matcher(rawPath).find();
    }

    /** Visible ASCII, spaces and tabs: what RFC 9110 lets a header value hold, without its legacy bytes. */
    private static boolean visibleAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** Whether every name and value decodes as Tomcat decodes them: percent escapes of UTF-8 bytes. */
    static boolean decodable(String query) {
        var bytes = new ByteArrayOutputStream(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '&' || c == '=') {
                if (!utf8(bytes.toByteArray())) {
                    return false;
                }
                bytes.reset();
            } else if (c == '%') {
                if (i + 2 >= query.length() || Character.digit(query.charAt(i + 1), 16) < 0
                        || Character.digit(query.charAt(i + 2), 16) < 0) {
                    return false;
                }
                bytes.write(Character.digit(query.charAt(i + 1), 16) * 16 + Character.digit(query.charAt(i + 2), 16));
                i += 2;
            } else if (c > 0xFF) {
                return false; // Tomcat hands the query over as ISO-8859-1: a wider char is nothing a client sent
            } else {
                bytes.write(c);
            }
        }
        return utf8(bytes.toByteArray());
    }

    /** Whether the bytes are well-formed UTF-8: no overlong forms, surrogates, cut-short sequences or bytes past F4. */
    static boolean utf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
