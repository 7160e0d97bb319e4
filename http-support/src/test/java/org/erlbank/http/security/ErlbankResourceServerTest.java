package org.erlbank.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.erlbank.testing.security.Forgery;
import org.erlbank.testing.security.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The chain every service puts in front of its API, on real Tomcat with tokens from a {@link TestIssuer}: who gets
 * through as whom, and what the others are answered.
 */
@SpringBootTest(classes = ErlbankResourceServerTest.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "logging.level.org.erlbank.http.requests=warn", "management.tracing.sampling.probability=0" })
class ErlbankResourceServerTest {

    static final TestIssuer ISSUER = TestIssuer.start();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("erlbank.security.issuer", ISSUER::issuer);
        registry.add("erlbank.security.jwk-set-uri", () -> ISSUER.jwkSetUri().toString());
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aCustomerATellerAndAServiceAreWhoTheirTokensSay() throws Exception {
        var customer = UUID.randomUUID();

        assertThat(get("/whoami", ISSUER.customer(customer).sign()).body()).isEqualTo("customer:" + customer);
        assertThat(get("/whoami", ISSUER.teller("teller").sign()).body()).isEqualTo("teller:teller");
        assertThat(get("/whoami", ISSUER.service("account-service", "customers.read").sign()).body())
                .isEqualTo("service:account-service [SCOPE_customers.read]");
    }

    @Test
    void withoutATokenTheAnswerIsA401ProblemWithAChallenge() throws Exception {
        var answer = get("/whoami", null);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(answer.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"type\":\"https://erlbank.example/problems/unauthorized\"");
    }

    @Test
    void aForgedTokenIsA401WithTheInvalidTokenChallenge() throws Exception {
        for (var forgery : Forgery.values()) {
            var answer = get("/whoami", ISSUER.forge(forgery));

            assertThat(answer.statusCode()).as(forgery.name()).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(forgery.name()).get().asString()
                    .startsWith("Bearer error=\"invalid_token\"");
            assertThat(answer.body()).as(forgery.name()).contains("/problems/unauthorized");
        }
    }

    @Test
    void aValidTokenThatNamesNobodyIsA401NotA403() throws Exception {
        var bothRoles = ISSUER.customer(UUID.randomUUID()).claim("roles", java.util.List.of("customer", "teller"))
                .sign();
        var forgedRole = ISSUER.token("mallory").claim("roles", java.util.List.of("admin")).sign();

        for (var token : new String[] { bothRoles, forgedRole }) {
            var answer = get("/whoami", token);
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).get().asString()
                    .contains("error=\"invalid_token\"");
        }
    }

    @Test
    void theSpecsAndAPathTheServiceOpensNeedNoToken() throws Exception {
        assertThat(get("/api-specs/some.yaml", null).statusCode()).isEqualTo(200);
        assertThat(get("/open", null).statusCode()).isEqualTo(200);
    }

    /**
     * A spec names auth-server at its default address; served, its OAuth2 flows name the issuer this service really
     * trusts (here a {@link TestIssuer} on a random port), so that Swagger UI's Authorize reaches it. Nothing else in
     * the spec changes.
     */
    @Test
    void aServedSpecSendsItsOAuthFlowsToTheIssuerTheServiceTrusts() throws Exception {
        var written = new String(getClass().getResourceAsStream("/static/api-specs/sample-api-v1.yaml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);

        var served = get("/api-specs/sample-api-v1.yaml", null);

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).get().asString().startsWith("application/yaml");
        assertThat(ISSUER.issuer()).isNotEqualTo(SpecsNameTheIssuer.DOCUMENTED_ISSUER);
        assertThat(served.body().lines()).filteredOn(line -> line.contains("Url:")).containsExactly(
                "          authorizationUrl: " + ISSUER.issuer() + "/oauth2/authorize",
                "          tokenUrl: " + ISSUER.issuer() + "/oauth2/token",
                "          refreshUrl: " + ISSUER.issuer() + "/oauth2/token",
                "          tokenUrl:   " + ISSUER.issuer() + "/oauth2/token");
        assertThat(served.body()).isEqualTo(written.replace(SpecsNameTheIssuer.DOCUMENTED_ISSUER + "/oauth2/",
                ISSUER.issuer() + "/oauth2/"));
        assertThat(served.body()).contains("(http://localhost:9000/login by default)");
    }

    @Test
    void noSessionCookieIsEverSet() throws Exception {
        var answer = get("/whoami", ISSUER.teller("teller").sign());

        assertThat(answer.headers().allValues("Set-Cookie")).isEmpty();
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableWebSecurity
    static class App {

        @Bean
        SecurityFilterChain chain(HttpSecurity http, JwtDecoder decoder, ProblemAuthenticationEntryPoint entryPoint,
                ProblemAccessDeniedHandler deniedHandler) throws Exception {
            return ErlbankResourceServer.chain(http, decoder, entryPoint, deniedHandler,
                    requests -> requests.requestMatchers("/open").permitAll());
        }

        @RestController
        static class Who {

            @GetMapping("/whoami")
            String whoami(org.springframework.security.core.Authentication authentication) {
                var caller = Callers.current();
                return caller instanceof Caller.Service
                        ? authentication.getName() + " " + authentication.getAuthorities()
                        : authentication.getName();
            }

            @GetMapping("/open")
            String open() {
                return "open";
            }

            @GetMapping("/api-specs/some.yaml")
            String spec() {
                return "openapi: 3.0.3";
            }
        }
    }
}
