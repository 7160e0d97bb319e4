package org.erlbank.account.customers;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * How account-service gets its own tokens from auth-server (the clients themselves are Spring Security's
 * registrations, {@code spring.security.oauth2.client.*}).
 *
 * @param connectTimeout how long to wait for a connection to the token endpoint
 * @param readTimeout    how long to wait for its answer
 * @param clockSkew      how long before its expiry a token is renewed
 * @param backoff        after a failed token request, how long until auth-server is asked again (doubled after each
 *                       further failure, randomized by half either way below the longest pause)
 * @param maxBackoff     the longest such pause
 */
@ConfigurationProperties("erlbank.service-tokens")
public record ServiceTokenProperties(Duration connectTimeout, Duration readTimeout, Duration clockSkew,
        Duration backoff, Duration maxBackoff) {

    @ConstructorBinding
    public ServiceTokenProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(1) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(2) : readTimeout;
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        backoff = backoff == null ? Duration.ofSeconds(1) : backoff;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(10) : maxBackoff;
    }

    /** With the default back-off. */
    public ServiceTokenProperties(Duration connectTimeout, Duration readTimeout, Duration clockSkew) {
        this(connectTimeout, readTimeout, clockSkew, null, null);
    }
}
