package org.erlbank.http;

import org.springframework.hateoas.Link;
import org.springframework.hateoas.LinkRelation;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links from one service to another service's resources. A service knows the other by its own address
 * (configuration); a client that came through the gateway must get a link through the gateway like every other link,
 * so behind a proxy the link is moved onto the public origin the request came in at (scheme, host, port and prefix).
 */
public final class CrossServiceLinks {

    private CrossServiceLinks() {
    }

    public static Link of(String href, LinkRelation relation) {
        return Link.of(publicHref(href), relation);
    }

    static String publicHref(String href) {
        var attributes = RequestContextHolder.getRequestAttributes();
        var proxied = attributes != null && Boolean.TRUE.equals(
                attributes.getAttribute(ProxyAwareForwardedHeaderFilter.PROXIED, RequestAttributes.SCOPE_REQUEST));
        if (!proxied) {
            return href;
        }
        var origin = ServletUriComponentsBuilder.fromCurrentContextPath().build();
        var target = UriComponentsBuilder.fromUriString(href).build();
        return UriComponentsBuilder.newInstance()
                .scheme(origin.getScheme()).host(origin.getHost()).port(origin.getPort())
                .path(origin.getPath() == null ? "" : origin.getPath())
                .path(target.getPath())
                .query(target.getQuery())
                .fragment(target.getFragment())
                .build().toUriString();
    }
}
