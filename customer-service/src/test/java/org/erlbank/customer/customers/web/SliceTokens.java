package org.erlbank.customer.customers.web;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.erlbank.testing.security.TestIssuer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The tokens of the web slices ({@link SecuredSlice}): one {@link TestIssuer} for the whole test run, whose issuer the
 * slices' decoder trusts, and the callers' tokens it signs.
 */
final class SliceTokens {

    static final TestIssuer ISSUER = TestIssuer.start();

    /** Every request's token unless a test sends another: it outlives any cached context of the run. */
    private static final String TELLER = ISSUER.teller("tess").expiresAt(Instant.now().plus(Duration.ofHours(2)))
            .sign();

    private SliceTokens() {
    }

    static String customer(UUID id) {
        return ISSUER.customer(id).sign();
    }

    static String service(String... scopes) {
        return ISSUER.service("account-service", scopes).sign();
    }

    /** The request with this token instead of the teller's. */
    static RequestPostProcessor as(String token) {
        return request -> {
            request.removeHeader(HttpHeaders.AUTHORIZATION);
            request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            return request;
        };
    }

    /** The request without any token. */
    static RequestPostProcessor withoutToken() {
        return request -> {
            request.removeHeader(HttpHeaders.AUTHORIZATION);
            return request;
        };
    }

    /** The service's settings for auth-server (its application.yml names the real one): the test issuer. */
    static final class Issuer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of("erlbank.security.issuer=" + ISSUER.issuer(),
                    "erlbank.security.jwk-set-uri=" + ISSUER.jwkSetUri()).applyTo(context);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TellerByDefault {

        @Bean
        MockMvcBuilderCustomizer tellerByDefault() {
            return builder -> builder.defaultRequest(
                    MockMvcRequestBuilders.get("/").header(HttpHeaders.AUTHORIZATION, "Bearer " + TELLER));
        }
    }
}
