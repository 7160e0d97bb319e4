package org.erlbank.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.erlbank.http.ErlbankExceptionHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The 401 and 403 answers, written through a real Spring MVC exception resolver with a service's advice (an
 * {@link ErlbankExceptionHandler}) and ours, as a service will: no application context beyond the two advices.
 */
class SecurityProblemsTest {

    private static final String PROBLEMS = "https://erlbank.example/problems/";

    private final JsonMapper json = JsonMapper.builder().build();
    private HandlerExceptionResolver resolver;
    private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/customers/1");
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @RestControllerAdvice
    static class ServiceProblems extends ErlbankExceptionHandler {
    }

    @BeforeEach
    void resolverWithAServicesAdviceAndOurs() {
        var context = new StaticWebApplicationContext();
        context.registerSingleton("serviceProblems", ServiceProblems.class);
        context.registerSingleton("accessDeniedProblems", AccessDeniedProblems.class);
        context.refresh();
        resolver = resolver(context);
    }

    /** As Spring MVC sets it up: the advices of the context, and a JSON converter (the default list has none). */
    private static HandlerExceptionResolver resolver(StaticWebApplicationContext context) {
        var exceptionHandlers = new ExceptionHandlerExceptionResolver();
        exceptionHandlers.setApplicationContext(context);
        exceptionHandlers.setMessageConverters(List.of(new JacksonJsonHttpMessageConverter()));
        exceptionHandlers.afterPropertiesSet();
        return exceptionHandlers;
    }

    @AfterEach
    void clearSecurityContext() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void noTokenIsA401ProblemWithABareBearerChallenge() throws Exception {
        new ProblemAuthenticationEntryPoint(resolver).commence(request, response,
                new InsufficientAuthenticationException("Full authentication is required"));

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        var body = body();
        assertThat(body.get("type").asString()).isEqualTo(PROBLEMS + "unauthorized");
        assertThat(body.get("status").asInt()).isEqualTo(401);
        assertThat(body.get("title").asString()).isEqualTo("Authentication required");
        // Written by the service's advice, not by the fallback, which has no detail.
        assertThat(body.get("detail").asString()).contains("needs a bearer token");
    }

    @Test
    void anInvalidTokenIsA401ProblemWithAnInvalidTokenChallenge() throws Exception {
        new ProblemAuthenticationEntryPoint(resolver).commence(request, response,
                new InvalidBearerTokenException("An error occurred while attempting to decode the Jwt: Jwt expired"));

        assertThat(response.getStatus()).isEqualTo(401);
        // No RFC 9728 resource_metadata (Spring Security 7's entry point adds one built from the service's own URL)
        // and no description that could quote the token.
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        var body = body();
        assertThat(body.get("type").asString()).isEqualTo(PROBLEMS + "unauthorized");
        assertThat(body.get("detail").asString()).contains("not valid").doesNotContain("Jwt expired");
    }

    @Test
    void aDeniedBearerIsA403ProblemWithAnInsufficientScopeChallenge() throws Exception {
        request.setUserPrincipal(bearer());
        SecurityContextHolder.getContext().setAuthentication(bearer());

        new ProblemAccessDeniedHandler(resolver).handle(request, response, new AccessDeniedException("Access Denied"));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getHeader("WWW-Authenticate")).contains("error=\"insufficient_scope\"");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(body().get("type").asString()).isEqualTo(PROBLEMS + "forbidden");
        assertThat(body().get("status").asInt()).isEqualTo(403);
        assertThat(body().get("detail").asString()).isEqualTo(ProblemAccessDeniedHandler.DETAIL);
    }

    @Test
    void aRefusalInsideAControllerIsA403NotTheCatchAll500() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(bearer());

        var handled = resolver.resolveException(request, response, null,
                new AuthorizationDeniedException("Access Denied", new AuthorizationDecision(false)));

        assertThat(handled).isNotNull();
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(body().get("type").asString()).isEqualTo(PROBLEMS + "forbidden");
    }

    @Test
    void aTokenNamingNoCallerIsA403() throws Exception {
        resolver.resolveException(request, response, null, new UnknownCallerException("no roles"));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(body().get("type").asString()).isEqualTo(PROBLEMS + "forbidden");
    }

    @Test
    void aRefusalOfAnAnonymousCallerIsLeftToSpringSecurityToAskForAToken() {
        SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("key", "anonymous",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));

        var handled = resolver.resolveException(request, response, null, new AccessDeniedException("Access Denied"));

        assertThat(handled).isNull();
        assertThat(response.getContentAsByteArray()).isEmpty();
    }

    @Test
    void withoutOurAdviceTheCatchAllWouldAnswer500() throws Exception {
        // What AccessDeniedProblems is for: take it away and the same refusal is an internal error.
        var context = new StaticWebApplicationContext();
        context.registerSingleton("serviceProblems", ServiceProblems.class);
        context.refresh();
        var serviceOnly = resolver(context);
        SecurityContextHolder.getContext().setAuthentication(bearer());

        serviceOnly.resolveException(request, response, null, new AccessDeniedException("Access Denied"));

        assertThat(response.getStatus()).isEqualTo(500);
    }

    @Test
    void withoutAnyAdviceTheProblemIsWrittenAllTheSame() throws Exception {
        HandlerExceptionResolver none = (req, res, handler, ex) -> null;

        new ProblemAuthenticationEntryPoint(none).commence(request, response,
                new InvalidBearerTokenException("expired"));

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(body().get("type").asString()).isEqualTo(PROBLEMS + "unauthorized");
        assertThat(body().has("detail")).isFalse();
    }

    private JsonNode body() throws Exception {
        return json.readTree(response.getContentAsString());
    }

    private static JwtAuthenticationToken bearer() {
        var jwt = Jwt.withTokenValue("token").header("alg", "RS256").subject("emmy")
                .claim("roles", List.of("teller")).build();
        return new JwtAuthenticationToken(jwt, AuthorityUtils.createAuthorityList("ROLE_TELLER"));
    }
}
