package org.erlbank.auth.keys;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Our own {@link JWKSource}: without it the authorization server would make a new key at every start, and every
 * token issued before a restart would stop validating.
 */
@Configuration(proxyBeanMethods = false)
class SigningKeyConfiguration {

    @Bean
    SigningKeys signingKeys(JdbcClient jdbc) {
        var keys = new SigningKeys(jdbc, Clock.systemUTC());
        // The first start makes the first key, before any request could race for it.
        keys.signingKey();
        return keys;
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeys keys) {
        return new DatabaseJwkSource(keys);
    }

    @Bean
    SigningKeysEndpoint signingKeysEndpoint(SigningKeys keys) {
        return new SigningKeysEndpoint(keys);
    }
}
