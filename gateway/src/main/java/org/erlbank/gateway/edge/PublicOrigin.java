package org.erlbank.gateway.edge;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where the outside world sent a request: the scheme, host, port and path prefix every link must start with.
 */
public record PublicOrigin(String scheme, String host, int port, String prefix) {

    static final String ATTRIBUTE = PublicOrigin.class.getName();

    /** The origin of the request being handled. */
    public static PublicOrigin current() {
        var attributes = RequestContextHolder.currentRequestAttributes();
        var origin = attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (origin == null) {
            throw new IllegalStateException("no public origin: the request did not pass the EdgeFilter");
        }
        return (PublicOrigin) origin;
    }

    /** The origin of {@code request}, decided by the {@link EdgeFilter} before any other filter of ours ran. */
    public static PublicOrigin of(HttpServletRequest request) {
        return (PublicOrigin) request.getAttribute(ATTRIBUTE);
    }

    /** A URI at this origin; {@code path} may be a URI template. */
    public String uri(String path) {
        return base() + prefix + path;
    }

    /** The origin itself ({@code scheme://host[:port]}), as a browser writes it in an {@code Origin} header. */
    public String base() {
        return UriComponentsBuilder.newInstance().scheme(scheme).host(host).port(isDefaultPort() ? -1 : port)
                .build().toUriString();
    }

    String hostAndPort() {
        return isDefaultPort() ? host : host + ":" + port;
    }

    private boolean isDefaultPort() {
        return ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
    }
}
