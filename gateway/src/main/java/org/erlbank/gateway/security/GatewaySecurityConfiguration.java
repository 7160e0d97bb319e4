package org.erlbank.gateway.security;

import java.util.LinkedHashMap;
import java.util.Map;
import org.erlbank.http.security.ErlbankResourceServer;
import org.erlbank.http.security.ErlbankSecurityProperties;
import org.erlbank.http.security.ProblemAccessDeniedHandler;
import org.erlbank.http.security.ProblemAuthenticationEntryPoint;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientPropertiesMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.DelegatingAccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The gateway's one filter chain. Open: the root, the pages for people (HAL Explorer, Swagger UI, the docs), the
 * API specs, the health, and the login itself. Everything else, above all every route to a service, needs a
 * caller: a browser user logged in here (her token is relayed by the routes' {@code TokenRelay}) or an API client's
 * own bearer token, verified here exactly as the services verify it. Without one, a browser navigating is sent to
 * the login and anyone else gets a 401 problem with {@code WWW-Authenticate: Bearer}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ OAuth2ClientProperties.class, LoginProperties.class })
class GatewaySecurityConfiguration {

    static final String REGISTRATION_ID = "erlbank";
    static final String LOGIN_PATH = "/oauth2/authorization/" + REGISTRATION_ID;
    /** Where a browser lands after a login it did not start from a page of its own: the HAL Explorer. */
    static final String AFTER_LOGIN = "/explorer";

    /** The scope of a service's token that reads the gateway's metrics (Prometheus'). */
    static final String METRICS_SCOPE = "metrics";

    @Bean
    SecurityFilterChain gatewaySecurity(HttpSecurity http, JwtDecoder decoder,
            ProblemAuthenticationEntryPoint unauthorized, ProblemAccessDeniedHandler forbidden,
            ClientRegistrationRepository registrations,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver,
            @Value("${server.servlet.session.cookie.name:JSESSIONID}") String sessionCookie) throws Exception {
        var navigation = BrowserRequests.navigation();
        // Only a page a browser navigated to is remembered for after the login; an API client's 401 makes no
        // session.
        var requestCache = new HttpSessionRequestCache();
        requestCache.setRequestMatcher(navigation);
        // Back to the page exactly as it was asked for: Spring Security's marker (?continue) would reach the
        // services, whose strict parameters refuse an empty one.
        requestCache.setMatchingRequestParameterName(null);
        var logout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logout.setPostLogoutRedirectUri("{baseUrl}/");
        var csrfHandlers = new LinkedHashMap<Class<? extends org.springframework.security.access.AccessDeniedException>,
                AccessDeniedHandler>();
        csrfHandlers.put(CsrfException.class, new CsrfProblems(exceptionResolver));
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/", "/explorer", "/webjars/**", "/swagger-ui.html", "/swagger-ui/**",
                                "/v3/api-docs/**", "/api-specs/**", "/docs/**", "/actuator/health",
                                "/actuator/health/**", "/favicon.ico", "/default-ui.css", "/error").permitAll()
                        .requestMatchers("/login", "/login/**", "/oauth2/**", "/logout").permitAll()
                        // The gateway's metrics (it has no management port of its own): for Prometheus, which logs in
                        // at auth-server as a service with the scope metrics (./erlbank up --observe).
                        .requestMatchers("/actuator/prometheus").hasAuthority("SCOPE_" + METRICS_SCOPE)
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new CallerOidcUserService(decoder)))
                        .defaultSuccessUrl(AFTER_LOGIN))
                // The browser forgets the ended session's cookie too (the session is gone here either way).
                .logout(out -> out.logoutSuccessHandler(logout).deleteCookies(sessionCookie))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(ErlbankResourceServer::caller))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling -> handling
                        // Before the defaults oauth2Login and the resource server add: these two decide everything.
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(LOGIN_PATH), navigation)
                        .defaultAuthenticationEntryPointFor(unauthorized, AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler(new DelegatingAccessDeniedHandler(csrfHandlers, forbidden)))
                .requestCache(cache -> cache.requestCache(requestCache))
                .csrf(csrf -> csrf
                        .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new SameOriginCsrfTokenRequestHandler())
                        .ignoringRequestMatchers(request -> !BrowserRequests.withSession(request)))
                .addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .build();
    }

    /**
     * The login's client registration, from Boot's {@code spring.security.oauth2.client} properties (no issuer
     * discovery: the gateway starts while auth-server is down), with what those properties cannot say: the issuer
     * every ID token must name (the one every access token names), auth-server's logout endpoint, and PKCE, which
     * Spring Security adds for public clients only unless told.
     */
    @Bean
    ClientRegistrationRepository clientRegistrationRepository(OAuth2ClientProperties properties,
            ErlbankSecurityProperties security, LoginProperties login) {
        var registrations = new OAuth2ClientPropertiesMapper(properties).asClientRegistrations().values().stream()
                .map(registration -> {
                    Map<String, Object> metadata = new LinkedHashMap<>(
                            registration.getProviderDetails().getConfigurationMetadata());
                    metadata.put("end_session_endpoint", login.endSessionUri().toString());
                    return ClientRegistration.withClientRegistration(registration)
                            .issuerUri(security.issuer())
                            .providerConfigurationMetadata(metadata)
                            .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                            .build();
                })
                .toList();
        return new InMemoryClientRegistrationRepository(registrations);
    }

    /**
     * A logged-in user's tokens are kept in her session: they end with it (at logout too), and the gateway keeps
     * no tokens of users who left.
     */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }
}
