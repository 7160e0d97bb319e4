package org.erlbank.account.customers;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * How account-service reaches customer-service.
 *
 * @param url              customer-service's base URL
 * @param connectTimeout   how long to wait for a connection
 * @param readTimeout      how long to wait for an answer once connected
 * @param retryAfter       what to tell clients when customer-service cannot be asked
 * @param protection       whether the calls are protected at start-up (off only to show what happens without it;
 *                         switchable at runtime, see {@link ProtectionSwitch})
 * @param probeReadTimeout how long the probe that decides when the open breaker closes waits for an answer
 *                         ({@link CustomerServiceProbe}); the breaker's slow-call threshold, 500 ms: an answer within
 *                         it is one the breaker would count as healthy
 */
@ConfigurationProperties("erlbank.customer-service")
public record CustomerServiceProperties(URI url, Duration connectTimeout, Duration readTimeout, Duration retryAfter,
        Boolean protection, Duration probeReadTimeout) {

    /** The one Spring Boot binds the properties with. */
    @ConstructorBinding
    public CustomerServiceProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(1) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(2) : readTimeout;
        retryAfter = retryAfter == null ? Duration.ofSeconds(5) : retryAfter;
        protection = protection == null || protection;
        probeReadTimeout = probeReadTimeout == null ? Duration.ofMillis(500) : probeReadTimeout;
        if (url == null) {
            throw new IllegalArgumentException("erlbank.customer-service.url is required");
        }
    }

    /** With the probe's default read timeout. */
    public CustomerServiceProperties(URI url, Duration connectTimeout, Duration readTimeout, Duration retryAfter,
            Boolean protection) {
        this(url, connectTimeout, readTimeout, retryAfter, protection, null);
    }
}
