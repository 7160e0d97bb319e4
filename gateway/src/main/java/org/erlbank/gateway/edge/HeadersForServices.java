package org.erlbank.gateway.edge;

import java.util.Locale;
import org.springframework.cloud.gateway.server.mvc.filter.HttpHeadersFilter.RequestHttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.ServerRequest;

/**
 * The forwarded headers a service gets from the gateway: the public origin the {@link EdgeFilter} decided on, and
 * nothing a client sent. The services build every link from these.
 */
class ForwardedHeadersForServices implements RequestHttpHeadersFilter, Ordered {

    @Override
    public HttpHeaders apply(HttpHeaders input, ServerRequest request) {
        var headers = new HttpHeaders();
        input.forEach((name, values) -> {
            var lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("forwarded") && !lower.startsWith("x-forwarded-")) {
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
