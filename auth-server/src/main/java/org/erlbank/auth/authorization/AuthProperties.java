package org.erlbank.auth.authorization;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param corsAllowedOrigins the browser origins (the gateway's) that may call the token, JWKS and discovery endpoints
 */
@ConfigurationProperties("erlbank.auth")
record AuthProperties(List<String> corsAllowedOrigins) {

    AuthProperties {
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
    }
}
