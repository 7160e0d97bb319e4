package org.erlbank.http.security;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
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
