package org.erlbank.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses a query string that cannot be decoded (a {@code %} without two hexadecimal digits, or escapes that are
 * not UTF-8, such as {@code %ff}) with a 400 {@code malformed-request} problem, before anything reads a parameter.
 * Tomcat only finds out when a parameter is first asked for, wherever that is (a controller's argument, the
 * gateway's proxy, a filter), and then throws an exception that would otherwise be answered as an internal error.
 */
class QueryStringFilter extends OncePerRequestFilter {

    private final HandlerExceptionResolver exceptionResolver;

    QueryStringFilter(HandlerExceptionResolver exceptionResolver) {
        this.exceptionResolver = exceptionResolver;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var query = request.getQueryString();
        if (query != null && !decodable(query)) {
            exceptionResolver.resolveException(request, response, null, new ProblemException(
                    ProblemType.MALFORMED_REQUEST.with("The query string cannot be decoded: every % must start an"
                            + " escape of two hexadecimal digits, and the escapes must spell UTF-8.")));
            return;
        }
        chain.doFilter(request, response);
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

    private static boolean utf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
