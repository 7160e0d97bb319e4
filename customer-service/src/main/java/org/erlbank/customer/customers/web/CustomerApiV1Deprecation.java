package org.erlbank.customer.customers.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneOffset;
import org.springframework.hateoas.Link;
import org.springframework.http.HttpHeaders;
import org.springframework.web.accept.SemanticApiVersionParser;
import org.springframework.web.accept.StandardApiVersionDeprecationHandler;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Tells every client of the customer API v1 that it is deprecated, on every answer under {@code /customers}
 * (errors too): {@code Deprecation} (RFC 9745) and {@code Sunset} (RFC 8594), written by Spring's
 * {@link StandardApiVersionDeprecationHandler}, and two links: {@code successor-version} (RFC 5829), the same
 * resource in v2, and {@code deprecation}, the page that explains the move.
 */
class CustomerApiV1Deprecation extends OncePerRequestFilter {

    static final String DEPRECATION_PAGE = "/docs/customer-api-v1-deprecation.html";

    private static final String V1 = "1";

    private final StandardApiVersionDeprecationHandler headers;
    private final Comparable<?> v1;

    CustomerApiV1Deprecation(CustomerApiProperties.Deprecation deprecation) {
        var parser = new SemanticApiVersionParser();
        this.headers = new StandardApiVersionDeprecationHandler(parser);
        this.headers.configureVersion(V1)
                .setDeprecationDate(deprecation.deprecatedAt().atZone(ZoneOffset.UTC))
                .setSunsetDate(deprecation.sunsetAt().atZone(ZoneOffset.UTC));
        this.v1 = parser.parseVersion(V1);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        headers.handleVersion(v1, null, request, response);
        response.addHeader(HttpHeaders.LINK, CustomerApiVersions.successorOf(request).toString());
        var page = ServletUriComponentsBuilder.fromContextPath(request).replacePath(DEPRECATION_PAGE).toUriString();
        response.addHeader(HttpHeaders.LINK, Link.of(page, "deprecation").withType("text/html").toString());
        chain.doFilter(request, response);
    }
}
