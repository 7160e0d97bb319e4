package org.erlbank.gateway.edge;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the gateway meets the outside world.
 *
 * @param allowedHosts   the host names clients may address the gateway by; links are built from the one they use,
 *                       so an unlisted {@code Host} is refused rather than echoed into links (host header injection)
 * @param trustedProxies a regular expression for the addresses of proxies in front of the gateway whose
 *                       {@code X-Forwarded-*} headers are believed; empty (the default) trusts none
 * @param connectTimeout how long the gateway waits for a connection to a service
 * @param readTimeout    how long the gateway waits for a service's answer
 */
@ConfigurationProperties("erlbank.gateway")
public record EdgeProperties(List<String> allowedHosts, String trustedProxies, Duration connectTimeout,
        Duration readTimeout) {

    public EdgeProperties {
        allowedHosts = allowedHosts == null || allowedHosts.isEmpty()
                ? List.of("localhost", "127.0.0.1")
                : allowedHosts.stream().map(String::strip).map(host -> host.toLowerCase(Locale.ROOT)).toList();
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(1) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(5) : readTimeout;
    }

    boolean allows(String host) {
        return host != null && allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    boolean trusts(String remoteAddress) {
        return trustedProxies != null && !trustedProxies.isBlank() && remoteAddress != null
                && Pattern.compile(trustedProxies).matcher(remoteAddress).matches();
    }
}
