package org.erlbank.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.web.servlet.HandlerExceptionResolver;

class ErlbankSecurityAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ErlbankSecurityAutoConfiguration.class))
            .withBean("handlerExceptionResolver", HandlerExceptionResolver.class, () -> (req, res, h, ex) -> null);

    @Test
    void doesNothingWithoutAnIssuer() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(JwtDecoder.class);
            assertThat(context).doesNotHaveBean(ProblemAuthenticationEntryPoint.class);
            assertThat(context).doesNotHaveBean(AccessDeniedProblems.class);
        });
    }

    @Test
    void doesNothingWithoutSpringSecurityEvenWithAnIssuer() {
        runner.withPropertyValues("erlbank.security.issuer=http://localhost:9000")
                .withClassLoader(new FilteredClassLoader(BearerTokenAuthenticationEntryPoint.class))
                .run(context -> assertThat(context).doesNotHaveBean(JwtDecoder.class)
                        .doesNotHaveBean(AccessDeniedProblems.class));
    }

    @Test
    void givesTheDecoderAndTheProblemsForAnIssuerWithoutFetchingItsKeys() {
        runner.withPropertyValues("erlbank.security.issuer=http://localhost:9000",
                "erlbank.security.jwk-set-uri=http://127.0.0.1:9/oauth2/jwks", "erlbank.security.clock-skew=10s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(JwtDecoder.class);
                    assertThat(context).hasSingleBean(ProblemAuthenticationEntryPoint.class);
                    assertThat(context).hasSingleBean(ProblemAccessDeniedHandler.class);
                    assertThat(context).hasSingleBean(AccessDeniedProblems.class);
                    assertThat(context.getBean(BearerTokenResolver.class)).isInstanceOf(BearerTokens.class);
                    assertThat(context.getBean(SecurityObservationSettings.class).shouldObserveRequests()).isFalse();
                    assertThat(context.getBean(HttpFirewall.class)).isInstanceOf(ErlbankFirewall.class);
                    assertThat(context.getBean(SecurityObservationSettings.class).shouldObserveAuthentications())
                            .isTrue();
                    var properties = context.getBean(ErlbankSecurityProperties.class);
                    assertThat(properties.audience()).isEqualTo("erlbank");
                    assertThat(properties.clockSkew()).hasSeconds(10);
                    assertThat(properties.jwkSetUriOrDefault()).hasToString("http://127.0.0.1:9/oauth2/jwks");
                });
    }

    @Test
    void theJwkSetUriDefaultsToTheIssuersEndpoint() {
        assertThat(ErlbankSecurityProperties.forIssuer("http://localhost:9000/").jwkSetUriOrDefault())
                .hasToString("http://localhost:9000/oauth2/jwks");
    }
}
