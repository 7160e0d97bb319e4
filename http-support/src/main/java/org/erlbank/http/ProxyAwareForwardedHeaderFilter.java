package org.erlbank.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Locale;
import org.springframework.web.filter.ForwardedHeaderFilter;

/**
 * Spring's {@link ForwardedHeaderFilter}, so that the links a service builds point where its client sent the request
 * (the gateway), and a note on the request that it came through a proxy, for {@link CrossServiceLinks}.
 * <p>
 * A service trusts these headers from anyone who reaches it: services listen on loopback, and the gateway, the one
 * public entry point, replaces whatever forwarded headers its clients send with its own.
 */
class ProxyAwareForwardedHeaderFilter extends ForwardedHeaderFilter {

    static final String PROXIED = ProxyAwareForwardedHeaderFilter.class.getName() + ".PROXIED";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var proxied = Collections.list(request.getHeaderNames()).stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .anyMatch(name -> name.equals("forwarded") || name.startsWith("x-forwarded-"));
        request.setAttribute(PROXIED, proxied);
        super.doFilterInternal(request, response, chain);
    }
}
