package org.erlbank.gateway.edge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Decides, before anything else, which origin a request came in at. From a trusted proxy, its
 * {@code X-Forwarded-*} headers say; from anyone else, the gateway's own view of the request does, and a
 * {@code Host} that is not an allowed host name is refused. What a client says in forwarded headers never counts.
 */
class EdgeFilter extends OncePerRequestFilter {

    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~-]+)*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\]");

    private final EdgeProperties properties;
    private final HandlerExceptionResolver exceptionResolver;

    EdgeFilter(EdgeProperties properties, HandlerExceptionResolver exceptionResolver) {
        this.properties = properties;
        this.exceptionResolver = exceptionResolver;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var origin = properties.trusts(request.getRemoteAddr()) ? fromProxy(request) : null;
        if (origin == null) {
            if (!properties.allows(request.getServerName())) {
                refuse(request, response);
                return;
            }
            origin = new PublicOrigin(request.getScheme(), request.getServerName().toLowerCase(Locale.ROOT),
                    request.getServerPort(), "");
        }
        request.setAttribute(PublicOrigin.ATTRIBUTE, origin);
        chain.doFilter(request, response);
    }

    /** The origin a trusted proxy reports, or nothing when it reports none or nonsense. */
    private static PublicOrigin fromProxy(HttpServletRequest request) {
        var host = first(request.getHeader("X-Forwarded-Host"));
        if (host == null) {
            return null;
        }
        var proto = first(request.getHeader("X-Forwarded-Proto"));
        var scheme = "https".equalsIgnoreCase(proto) ? "https" : "http";
        var port = first(request.getHeader("X-Forwarded-Port"));
        var prefix = first(request.getHeader("X-Forwarded-Prefix"));
        var hostOnly = host;
        if (host.matches(".*:[0-9]+") && !host.endsWith("]")) {
            port = port == null ? host.substring(host.lastIndexOf(':') + 1) : port;
            hostOnly = host.substring(0, host.lastIndexOf(':'));
        }
        if (!HOST.matcher(hostOnly).matches() || (prefix != null && !PREFIX.matcher(prefix).matches())
                || (port != null && !port.matches("[0-9]{1,5}"))) {
            return null;
        }
        int portNumber = port == null ? ("https".equals(scheme) ? 443 : 80) : Integer.parseInt(port);
        return new PublicOrigin(scheme, hostOnly.toLowerCase(Locale.ROOT), portNumber,
                prefix == null ? "" : prefix);
    }

    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        return header.split(",")[0].strip();
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) {
        exceptionResolver.resolveException(request, response, null, new HostNotAllowedException(
                "This gateway does not answer to the host name '" + request.getServerName() + "'. Allowed: "
                        + String.join(", ", properties.allowedHosts()) + " (ERLBANK_GATEWAY_ALLOWED_HOSTS)."));
    }
}
