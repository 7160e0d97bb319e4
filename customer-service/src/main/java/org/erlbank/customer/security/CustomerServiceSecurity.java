package org.erlbank.customer.security;

import org.erlbank.http.security.ErlbankResourceServer;
import org.erlbank.http.security.ProblemAccessDeniedHandler;
import org.erlbank.http.security.ProblemAuthenticationEntryPoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

/**
 * customer-service's one filter chain: Erlbank's resource server (every request to the API carries a token auth-server
 * signed), with the pages a browser opens before it has one let through: Swagger UI, whose Authorize button is how it
 * gets a token, and the page that explains v1's deprecation, which every v1 answer links.
 */
@Configuration(proxyBeanMethods = false)
public class CustomerServiceSecurity {

    /**
     * How an answer may be cached unless it says so itself (the feed's pages do): by the caller only, and revalidated
     * with its {@code ETag} before every use. Spring Security's default ({@code no-store}) would also take the
     * {@code ETag} off a list ({@code ShallowEtagHeaderFilter} gives none to what may not be stored), and with it the
     * revalidation clients rely on; saying nothing would let a shared cache keep a customer's data.
     */
    static final String CACHE_CONTROL = "private, no-cache";

    @Bean
    SecurityFilterChain customerServiceFilterChain(HttpSecurity http, JwtDecoder decoder,
            ProblemAuthenticationEntryPoint entryPoint, ProblemAccessDeniedHandler deniedHandler) throws Exception {
        http.headers(headers -> headers.cacheControl(cache -> cache.disable())
                .addHeaderWriter(new StaticHeadersWriter(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)));
        return ErlbankResourceServer.chain(http, decoder, entryPoint, deniedHandler, requests -> requests
                .requestMatchers("/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/swagger-config", "/docs/**")
                .permitAll());
    }
}
