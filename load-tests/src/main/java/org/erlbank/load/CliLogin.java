package org.erlbank.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's access token from auth-server, by the same steps as {@code ./erlbank token}: the login form (its
 * {@code _csrf} field and the session cookie), the form sent back with the username and password, the authorization
 * request of the public client {@code erlbank-cli} with a PKCE S256 challenge (the redirect is not followed: the code
 * is read from its {@code Location}), and the code exchanged at the token endpoint with its verifier. Each login has
 * its own cookies, so that no session is shared between users.
 */
final class CliLogin implements AuthServerTokens.Issuer {

    static final String CLIENT = "erlbank-cli";
    static final String REDIRECT_URI = "http://127.0.0.1/erlbank-cli/callback";
    private static final String SCOPE = "erlbank";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI authServer;

    CliLogin(URI authServer) {
        this.authServer = authServer;
    }

    @Override
    public AuthServerTokens.Issued issue(String user, String password) throws IOException, InterruptedException {
        var http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(2)).build();

        var form = send(http, request("/login").header("Accept", "text/html").GET());
        var csrf = CSRF.matcher(form.body());
        if (form.statusCode() != 200 || !csrf.find()) {
            throw new IOException("auth-server at " + authServer + " shows no login form (" + form.statusCode() + ")");
        }
        var loggedIn = send(http, request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formOf(Map.of("username", user, "password", password,
                        "_csrf", csrf.group(1))))));
        var afterLogin = loggedIn.headers().firstValue("Location").orElse("");
        if (loggedIn.statusCode() != 302 || afterLogin.isEmpty() || afterLogin.contains("error")) {
            throw new IOException("auth-server refused to log " + user + " in (a wrong password, or locked after"
                    + " repeated failures for a while)");
        }

        var verifier = codeVerifier();
        var state = codeVerifier();
        var query = new LinkedHashMap<String, String>();
        query.put("response_type", "code");
        query.put("client_id", CLIENT);
        query.put("redirect_uri", REDIRECT_URI);
        query.put("scope", SCOPE);
        query.put("state", state);
        query.put("code_challenge", challengeOf(verifier));
        query.put("code_challenge_method", "S256");
        var authorized = send(http, request("/oauth2/authorize?" + formOf(query)).header("Accept", "text/html").GET());
        var location = authorized.headers().firstValue("Location").orElse("");
        var parameters = location.startsWith(REDIRECT_URI + "?")
                ? queryOf(URI.create(location).getRawQuery()) : Map.<String, String>of();
        if (authorized.statusCode() != 302 || !parameters.containsKey("code")
                || !state.equals(parameters.get("state"))) {
            throw new IOException("auth-server gave " + user + " no code (it sent the browser to: " + location + ")");
        }

        var exchanged = send(http, request("/oauth2/token").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formOf(Map.of("grant_type", "authorization_code",
                        "code", parameters.get("code"), "redirect_uri", REDIRECT_URI, "client_id", CLIENT,
                        "code_verifier", verifier)))));
        var tokens = exchanged.statusCode() == 200 ? JSON.readTree(exchanged.body()) : null;
        if (tokens == null || !tokens.path("access_token").isTextual() || !tokens.path("expires_in").canConvertToLong()) {
            throw new IOException("auth-server did not exchange " + user + "'s code for a token: "
                    + exchanged.statusCode() + " " + exchanged.body());
        }
        return new AuthServerTokens.Issued(tokens.path("access_token").asText(),
                Duration.ofSeconds(tokens.path("expires_in").asLong()));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(authServer.resolve(path)).timeout(TIMEOUT);
    }

    private HttpResponse<String> send(HttpClient http, HttpRequest.Builder builder)
            throws IOException, InterruptedException {
        var request = builder.build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException unanswered) {
            // A refused connection says only its class: name the server, so that a wrong address shows as one.
            throw new IOException("auth-server at " + authServer + " did not answer " + request.method() + " "
                    + request.uri().getPath() + " (" + unanswered + ")", unanswered);
        }
    }

    /** 32 random bytes, base64url without padding: 43 characters, as RFC 7636 asks of a verifier. */
    static String codeVerifier() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** S256: base64url(SHA-256(verifier)), without padding. */
    static String challengeOf(String verifier) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String formOf(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> queryOf(String rawQuery) {
        var parameters = new HashMap<String, String>();
        if (rawQuery == null) {
            return parameters;
        }
        for (var pair : rawQuery.split("&")) {
            var equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }
}
