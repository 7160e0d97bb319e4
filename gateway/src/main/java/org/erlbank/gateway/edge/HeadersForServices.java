package org.erlbank.gateway.edge;

import java.util.Locale;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.RequestHttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * The headers a service gets from the gateway: the client's, less what is the gateway's own, and the forwarded
 * headers.
 *
 * <ul>
 * <li>The forwarded headers name the public origin the {@link EdgeFilter} decided on, and nothing a client sent.
 * The services build every link from these.
 * <li>The browser's cookies (the gateway's session, its CSRF token) and the CSRF token it sends back are the
 * gateway's, not the services': a browser user reaches a service with her access token only (the routes'
 * {@code TokenRelay}). Left out here, where the headers are copied for the service anyway, rather than by two
 * {@code RemoveRequestHeader} route filters, each of which copied the whole request with all its headers (7 % of the
 * gateway's CPU at saturation, JFR).
 * </ul>
 */
class HeadersForServices implements RequestHttpHeadersFilter, Ordered {

    @Override
    public HttpHeaders apply(HttpHeaders input, ServerRequest request) {
        var headers = new HttpHeaders();
        input.forEach((name, values) -> {
            var lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("forwarded") && !lower.startsWith("x-forwarded-") && !lower.equals("cookie")
                    && !lower.equals("x-xsrf-token")) {
                headers.addAll(name, values);
            }
        });
        var origin = PublicOrigin.of(request.servletRequest());
        headers.set("X-Forwarded-Proto", origin.scheme());
        headers.set("X-Forwarded-Host", origin.hostAndPort());
        headers.set("X-Forwarded-Port", String.valueOf(origin.port()));
        if (!origin.prefix().isEmpty()) {
            headers.set("X-Forwarded-Prefix", origin.prefix());
        }
        headers.set("X-Forwarded-For", request.servletRequest().getRemoteAddr());
        return headers;
    }

    /** After the gateway's own filters, so that nothing adds forwarded headers behind this one. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
