package org.erlbank.auth.tokens;

import org.erlbank.auth.keys.SigningKeys;
import org.erlbank.auth.logins.Logins;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> erlbankTokenCustomizer(SigningKeys keys, Logins logins) {
        return new ErlbankTokenCustomizer(keys, logins);
    }
}
