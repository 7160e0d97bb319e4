package org.erlbank.gateway.security;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the browser login needs besides the client registration ({@code spring.security.oauth2.client.*}), which
 * is built from properties alone so that the gateway starts while auth-server is down (no issuer discovery).
 *
 * @param endSessionUri auth-server's OpenID Connect logout endpoint, where a browser is sent at logout (the
 *                      {@code end_session_endpoint} discovery would have found)
 */
@ConfigurationProperties("erlbank.gateway.login")
record LoginProperties(URI endSessionUri) {
}
