package org.erlbank.account.customers;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How account-service reaches customer-service.
 *
 * @param url            customer-service's base URL
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for an answer once connected
 * @param retryAfter     what to tell clients when customer-service cannot be asked
 * @param protection     whether the calls are protected at start-up (off only to show what happens without it;
 *                       switchable at runtime, see {@link ProtectionSwitch})
 */
@ConfigurationProperties("erlbank.customer-service")
public record CustomerServiceProperties(URI url, Duration connectTimeout, Duration readTimeout, Duration retryAfter,
        Boolean protection) {

    public CustomerServiceProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(1) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(2) : readTimeout;
        retryAfter = retryAfter == null ? Duration.ofSeconds(5) : retryAfter;
        protection = protection == null || protection;
        if (url == null) {
            throw new IllegalArgumentException("erlbank.customer-service.url is required");
        }
    }
}
