package org.erlbank.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a client does, over real HTTP: a browser that logs in with the form and is sent back with a code (PKCE,
 * nothing listening at the redirect URI: the code is read from the redirect), the exchanges at the token endpoint,
 * and a resource server's check of a token against the published keys.
 */
public final class OAuthFlows {

    public static final String CLI = "erlbank-cli";
    public static final String CLI_REDIRECT = "http://127.0.0.1/erlbank-cli/callback";
    public static final String GATEWAY = "erlbank-gateway";
    public static final String GATEWAY_SECRET = "gateway-secret";
    public static final String GATEWAY_REDIRECT = "http://localhost:8080/login/oauth2/code/erlbank";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final int port;
    private final String issuer;

    OAuthFlows(int port, String issuer) {
        this.port = port;
        this.issuer = issuer;
    }

    /** A browser of its own: its own cookies (the login session), no redirects followed. */
    public Browser browser() {
        return new Browser(HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /** A person's access token for erlbank-cli, by the whole flow: form login, code, exchange. */
    public String accessToken(String username, String password) {
        var browser = browser();
        assertThat(browser.logIn(username, password)).as("%s logs in", username).isTrue();
        var verifier = codeVerifier();
        var code = browser.authorize(CLI, CLI_REDIRECT, "erlbank", verifier).orElseThrow();
        var tokens = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", CLI_REDIRECT,
                "client_id", CLI, "code_verifier", verifier), null);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return json(tokens).path("access_token").asString();
    }

    /** A POST to the token endpoint, with HTTP Basic for a confidential client (secret given). */
    public HttpResponse<String> token(Map<String, String> form, String clientSecretFor) {
        var request = HttpRequest.newBuilder(uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(formOf(form)));
        if (clientSecretFor != null) {
            var clientAndSecret = clientSecretFor.split(":", 2);
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (clientAndSecret[0] + ":" + clientAndSecret[1]).getBytes(StandardCharsets.UTF_8)));
        }
        return send(HttpClient.newHttpClient(), request);
    }

    /** The token checked as a resource server would: signature against the published keys, issuer, expiry. */
    public Jwt verify(String token) {
        var decoder = NimbusJwtDecoder.withJwkSetUri(uri("/oauth2/jwks").toString()).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        return decoder.decode(token);
    }

    /** The {@code kid} in a token's header, without checking anything. */
    public static String keyIdOf(String token) {
        var header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        return JSON.readTree(header).path("kid").asString();
    }

    public static String codeVerifier() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challengeOf(String verifier) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String formOf(Map<String, String> form) {
        return form.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A browser: a session with the authorization server, kept in its cookie. */
    public final class Browser {

        private final HttpClient http;

        private Browser(HttpClient http) {
            this.http = http;
        }

        /** The login form, filled in and sent: true if it let her in, false if it sent her back with an error. */
        public boolean logIn(String username, String password) {
            return submitLogin(username, password).headers().firstValue("Location")
                    .map(location -> !location.contains("error")).orElse(false);
        }

        /** The login form's answer itself. */
        public HttpResponse<String> submitLogin(String username, String password) {
            var form = send(http, HttpRequest.newBuilder(uri("/login")).header("Accept", "text/html"));
            assertThat(form.statusCode()).isEqualTo(200);
            var csrf = CSRF.matcher(form.body());
            assertThat(csrf.find()).as("a CSRF token in the login form: %s", form.body()).isTrue();
            var answer = send(http, HttpRequest.newBuilder(uri("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(BodyPublishers.ofString(formOf(Map.of("username", username, "password", password,
                            "_csrf", csrf.group(1))))));
            assertThat(answer.statusCode()).as("the form's answer redirects").isEqualTo(302);
            return answer;
        }

        /**
         * The authorization request; the code from the redirect to the client, if the server sent one there. Without
         * a verifier (null) the request carries no PKCE challenge.
         */
        public Optional<String> authorize(String clientId, String redirectUri, String scope, String verifier) {
            var query = new LinkedHashMap<String, String>();
            query.put("response_type", "code");
            query.put("client_id", clientId);
            query.put("redirect_uri", redirectUri);
            query.put("scope", scope);
            query.put("state", "some-state");
            if (verifier != null) {
                query.put("code_challenge", challengeOf(verifier));
                query.put("code_challenge_method", "S256");
            }
            var answer = send(http, HttpRequest.newBuilder(uri("/oauth2/authorize?" + formOf(query)))
                    .header("Accept", "text/html"));
            var location = answer.headers().firstValue("Location").orElse("");
            if (answer.statusCode() != 302 || !location.startsWith(redirectUri + "?")) {
                return Optional.empty();
            }
            var parameters = queryOf(URI.create(location).getRawQuery());
            assertThat(parameters).containsEntry("state", "some-state");
            return Optional.ofNullable(parameters.get("code"));
        }

        /** Where the authorization endpoint sends a browser (a login page, the client), for the tests that look. */
        public HttpResponse<String> get(String path) {
            return send(http, HttpRequest.newBuilder(uri(path)).header("Accept", "text/html"));
        }
    }

    private static Map<String, String> queryOf(String rawQuery) {
        var parameters = new LinkedHashMap<String, String>();
        for (var pair : rawQuery.split("&")) {
            var nameAndValue = pair.split("=", 2);
            parameters.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                    nameAndValue.length > 1 ? URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8) : "");
        }
        return parameters;
    }
}
