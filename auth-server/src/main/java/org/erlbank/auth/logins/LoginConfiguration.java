package org.erlbank.auth.logins;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class LoginConfiguration {

    @Bean
    Logins logins(JdbcClient jdbc, PasswordEncoder passwordEncoder, LockoutProperties lockout) {
        return new Logins(jdbc, passwordEncoder, lockout, Clock.systemUTC());
    }

    /** The one provider: Spring Security's own user store (and its generated password) backs off for it. */
    @Bean
    AuthenticationProvider loginAuthenticationProvider(Logins logins, PasswordEncoder passwordEncoder) {
        return new LockingAuthenticationProvider(logins, passwordEncoder);
    }

    @Bean
    LoginsEndpoint loginsEndpoint(Logins logins) {
        return new LoginsEndpoint(logins);
    }
}
