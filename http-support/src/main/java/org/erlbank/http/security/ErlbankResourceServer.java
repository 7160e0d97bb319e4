package org.erlbank.http.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The filter chain in front of every Erlbank service: each request to its API carries a bearer token that
 * {@link ErlbankJwtDecoders} verifies and that names a {@link Caller}; the service's own rules then decide with
 * {@link Callers#current()} what that caller may see and do. No sessions, no cookies, so no CSRF token either: a
 * service is called by the gateway and by other services, never by a browser directly.
 * <p>
 * Let through without a token: the management endpoints (Boot puts this chain in front of the management port as
 * well; that port listens on loopback, and the launcher and the probes use it), the API specs and the error page.
 */
public final class ErlbankResourceServer {

    private ErlbankResourceServer() {
    }

    /** The chain, with {@code rules} for what a service lets through besides; every other request needs a token. */
    public static SecurityFilterChain chain(HttpSecurity http, JwtDecoder decoder,
            ProblemAuthenticationEntryPoint entryPoint, ProblemAccessDeniedHandler deniedHandler,
            Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rules)
            throws Exception {
        return http
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(requests -> {
                    // The probes Boot adds to the API port (add-additional-paths): up or down, nothing more.
                    requests.requestMatchers("/actuator", "/actuator/**", "/api-specs/**", "/error", "/readyz",
                            "/livez").permitAll();
                    rules.customize(requests);
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(ErlbankResourceServer::caller))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler))
                .build();
    }

    /** The chain with no more paths let through than the common ones. */
    public static SecurityFilterChain chain(HttpSecurity http, JwtDecoder decoder,
            ProblemAuthenticationEntryPoint entryPoint, ProblemAccessDeniedHandler deniedHandler) throws Exception {
        return chain(http, decoder, entryPoint, deniedHandler, requests -> {
        });
    }

    /**
     * A verified token that names nobody Erlbank serves (both roles, a customer without her id, a forged role) is
     * no credential at all: 401, like a token that does not verify, rather than a 403 that would admit it is valid.
     */
    public static AbstractAuthenticationToken caller(Jwt jwt) {
        try {
            return new CallerAuthentication(jwt, Caller.of(jwt));
        } catch (UnknownCallerException ex) {
            throw new InvalidBearerTokenException("The token names no customer, teller or service of Erlbank");
        }
    }

}
