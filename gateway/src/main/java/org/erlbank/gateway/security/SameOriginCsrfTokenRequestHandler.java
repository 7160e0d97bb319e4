package org.erlbank.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.erlbank.gateway.edge.PublicOrigin;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.util.StringUtils;

/**
 * Where a browser's write finds its CSRF token, as Spring Security's {@code csrf().spa()} reads it: the token as
 * the {@code XSRF-TOKEN} cookie holds it in the {@code X-XSRF-TOKEN} header (what Angular's HttpClient in the HAL
 * Explorer, and Swagger UI, send), or masked (BREACH) in the {@code _csrf} parameter of a form (the logout page).
 * <p>
 * And one check more: a write that its browser says comes from another origin carries no token at all, whatever it
 * sends. Cookies ignore ports, so a page on another port of the same host (localhost:3000) can read the
 * {@code XSRF-TOKEN} cookie, and it is the same site, so the browser sends it the {@code SameSite=Lax} session
 * cookie too; only {@code Origin} (and {@code Sec-Fetch-Site}), which the browser writes and scripts cannot, tell
 * such a page from the gateway's own.
 */
final class SameOriginCsrfTokenRequestHandler implements CsrfTokenRequestHandler {

    private final CsrfTokenRequestAttributeHandler plain = new CsrfTokenRequestAttributeHandler();
    private final CsrfTokenRequestAttributeHandler masked = new XorCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
        masked.handle(request, response, csrfToken);
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
        if (!fromOwnOrigin(request)) {
            return null;
        }
        var header = request.getHeader(csrfToken.getHeaderName());
        return (StringUtils.hasText(header) ? plain : masked).resolveCsrfTokenValue(request, csrfToken);
    }

    /** Unless the browser says otherwise: a client that is no browser sends neither header. */
    static boolean fromOwnOrigin(HttpServletRequest request) {
        var origin = request.getHeader("Origin");
        var own = PublicOrigin.of(request);
        if (origin != null && (own == null || !origin.equalsIgnoreCase(own.base()))) {
            return false;
        }
        var site = request.getHeader("Sec-Fetch-Site");
        return site == null || site.equals("same-origin");
    }
}
