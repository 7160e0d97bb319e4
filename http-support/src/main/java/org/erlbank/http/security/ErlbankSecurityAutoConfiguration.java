package org.erlbank.http.security;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The resource server's parts for a service that names its token issuer ({@code erlbank.security.issuer}) and has
 * Spring Security on its class path: the token decoder, the problems for 401 and 403, the advice that turns a
 * refusal inside a controller into a 403, and its API specs served naming that issuer. It configures no filter
 * chain: which requests need which caller is each service's to say, with these parts. A service without the
 * property, or without Spring Security, gets nothing.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ NimbusJwtDecoder.class, BearerTokenAuthenticationEntryPoint.class })
@ConditionalOnProperty(prefix = "erlbank.security", name = "issuer")
@EnableConfigurationProperties(ErlbankSecurityProperties.class)
public class ErlbankSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder erlbankJwtDecoder(ErlbankSecurityProperties properties) {
        return ErlbankJwtDecoders.of(properties);
    }

    /** Every resource server's filter chain finds the token with this (Spring Security takes the bean). */
    @Bean
    @ConditionalOnMissingBean(BearerTokenResolver.class)
    BearerTokens bearerTokens() {
        return new BearerTokens();
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemAuthenticationEntryPoint problemAuthenticationEntryPoint(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) {
        return new ProblemAuthenticationEntryPoint(exceptionResolver);
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemAccessDeniedHandler problemAccessDeniedHandler(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) {
        return new ProblemAccessDeniedHandler(exceptionResolver);
    }

    /**
     * Spring Security observes each request's authentication and authorization (a span each in a trace, a timer
     * each in the metrics), but not its way through the filter chain: that observation (a span before and one after
     * the chain, an event per filter, each event a counter looked up by its tags) was a tenth of the gateway's CPU at
     * saturation and showed nothing a request's own span does not (JFR, README "Benchmarks").
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
    }

    /**
     * Spring Security's strict firewall, with its character rules checked by a loop (Spring Security takes the
     * bean): the same requests refused, for a fraction of the CPU ({@link ErlbankFirewall}).
     */
    @Bean
    @ConditionalOnMissingBean(HttpFirewall.class)
    HttpFirewall erlbankFirewall() {
        return new ErlbankFirewall();
    }

    /** The served specs send Swagger UI's Authorize to this issuer, wherever it runs. */
    @Bean
    SpecsNameTheIssuer specsNameTheIssuer(ErlbankSecurityProperties properties) {
        return new SpecsNameTheIssuer(properties.issuer());
    }

    @Bean
    AccessDeniedProblems accessDeniedProblems() {
        return new AccessDeniedProblems();
    }
}
