package org.erlbank.account;

import org.erlbank.account.accounts.AccountAccess;
import org.erlbank.http.security.ErlbankResourceServer;
import org.erlbank.http.security.ProblemAccessDeniedHandler;
import org.erlbank.http.security.ProblemAuthenticationEntryPoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * account-service checks every request's token itself (http-support's resource server chain, whose parts
 * {@code erlbank.security.*} configures), and serves people only: a customer's or a teller's token gets on to the
 * controllers, which ask {@link AccountAccess} what that caller may do; a service's token is refused here (403).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain accountServiceSecurity(HttpSecurity http, JwtDecoder decoder,
            ProblemAuthenticationEntryPoint entryPoint, ProblemAccessDeniedHandler deniedHandler) throws Exception {
        return ErlbankResourceServer.chain(http, decoder, entryPoint, deniedHandler,
                requests -> requests.requestMatchers("/**").access(AccountAccess.people()));
    }
}
