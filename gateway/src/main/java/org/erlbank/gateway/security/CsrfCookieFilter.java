package org.erlbank.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives a logged-in browser its {@code XSRF-TOKEN} cookie. Spring Security makes the token only when something
 * asks for it (a form that renders it); the HAL Explorer's script renders nothing, it reads the cookie, so every
 * request that rides on a session asks for the token here, and a missing cookie is set (again after the login,
 * which replaces the token).
 */
final class CsrfCookieFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (BrowserRequests.withSession(request)
                && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            token.getToken();
        }
        chain.doFilter(request, response);
    }
}
