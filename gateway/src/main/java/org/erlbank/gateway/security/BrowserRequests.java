package org.erlbank.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The kinds of request the edge tells apart: a browser navigating (sent to the login), a request with a bearer
 * token (an API client's: stateless, no CSRF token), and a request that rides on a login session (a browser's,
 * whose writes need the CSRF token).
 */
final class BrowserRequests {

    private BrowserRequests() {
    }

    /**
     * A page a browser navigates to: a GET that accepts HTML (not merely anything, as curl does) and is no script's
     * request. Only such a request is sent to the login, and only such a request is saved to return to after it.
     */
    static RequestMatcher navigation() {
        var html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Collections.singleton(MediaType.ALL));
        return request -> HttpMethod.GET.matches(request.getMethod()) && html.matches(request)
                && !"XMLHttpRequest".equals(request.getHeader("X-Requested-With"));
    }

    /** A request that carries a bearer token: it is authenticated by that token alone. */
    static boolean bearer(HttpServletRequest request) {
        var authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /**
     * A request that rides on a login session: it carries the cookie of a session the gateway holds, and no bearer
     * token of its own. Only these can be forged by another site (the browser adds the cookie by itself), so only
     * these need the CSRF token; a request without a session has no credential to abuse, and is answered 401.
     */
    static boolean withSession(HttpServletRequest request) {
        return !bearer(request) && request.getSession(false) != null;
    }
}
