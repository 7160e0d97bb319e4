package org.erlbank.account.customers;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How account-service gets its own tokens from auth-server (the clients themselves are Spring Security's
 * registrations, {@code spring.security.oauth2.client.*}).
 *
 * @param connectTimeout how long to wait for a connection to the token endpoint
 * @param readTimeout    how long to wait for its answer
 * @param clockSkew      how long before its expiry a token is renewed
 */
@ConfigurationProperties("erlbank.service-tokens")
public record ServiceTokenProperties(Duration connectTimeout, Duration readTimeout, Duration clockSkew) {

    public ServiceTokenProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(1) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(2) : readTimeout;
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
    }
}
