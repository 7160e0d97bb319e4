package org.erlbank.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;

/**
 * Gives customers registered through the API a login, as {@code ./erlbank login add} does: {@code POST
 * /actuator/logins} on auth-server's management port (loopback only), with a new random password. The address is
 * the system property {@code erlbank.auth-server-management} (default {@code http://127.0.0.1:9090}).
 */
final class AuthServerLogins {

    /** A login's username and password; its text never shows the password. */
    record Credentials(String username, String password) {

        @Override
        public String toString() {
            return "Credentials[username=" + username + "]";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI management;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    AuthServerLogins(URI management) {
        this.management = management;
    }

    static AuthServerLogins fromSystemProperties() {
        var value = System.getProperty("erlbank.auth-server-management");
        return new AuthServerLogins(
                URI.create(value == null || value.isBlank() ? "http://127.0.0.1:9090" : value.strip()));
    }

    /**
     * A new login for that customer, named {@code username}, with a random password of 24 characters.
     *
     * @throws IOException if auth-server did not add it (a taken username, say), with its answer
     */
    Credentials addCustomer(String username, String customerId) throws IOException, InterruptedException {
        var credentials = new Credentials(username, randomPassword());
        var body = new LinkedHashMap<String, String>();
        body.put("username", credentials.username());
        body.put("password", credentials.password());
        body.put("customerId", customerId);
        var answer = http.send(HttpRequest.newBuilder(management.resolve("/actuator/logins"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IOException("auth-server at " + management + " did not add the login " + username + ": "
                    + answer.statusCode() + " " + answer.body());
        }
        return credentials;
    }

    /** 18 random bytes as base64url: 24 characters, none of them a control character. */
    static String randomPassword() {
        var bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
