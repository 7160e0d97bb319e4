package org.erlbank.testing.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * auth-server for a test: an RSA key pair, its public half published at {@code /oauth2/jwks} by a JDK HTTP server on
 * {@code 127.0.0.1} (a free port), and tokens signed with it as auth-server signs them (RS256, {@code kid},
 * {@code aud: erlbank}, {@code roles}, {@code customer_id}, {@code scope}). The issuer is the server's base URL.
 * It counts the requests for its keys, can rotate its key, can fail (503) as an auth-server in trouble does, and
 * forges the tokens a resource server must refuse ({@link #forge(Forgery)}).
 *
 * <pre>{@code
 * try (var issuer = TestIssuer.start()) {
 *     String token = issuer.customer(customerId).sign();
 * }
 * }</pre>
 */
public final class TestIssuer implements AutoCloseable {

    public static final String JWKS_PATH = "/oauth2/jwks";
    /** Where the attacker's key is served, for {@link Forgery#JKU_HEADER}: a verifier that followed it would accept. */
    public static final String ATTACKER_JWKS_PATH = "/attacker/jwks";

    private final HttpServer server;
    private final String issuer;
    private final List<RSAKey> published = new ArrayList<>();
    private volatile RSAKey signingKey;
    private volatile RSAKey attackerKey;
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();

    private TestIssuer(HttpServer server) {
        this.server = server;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        this.signingKey = newKey();
        this.published.add(signingKey);
    }

    /** A new key pair, served from a free port on loopback. */
    public static TestIssuer start() {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            var testIssuer = new TestIssuer(server);
            server.createContext(JWKS_PATH, testIssuer::serveKeys);
            server.createContext(ATTACKER_JWKS_PATH, testIssuer::serveAttackerKey);
            server.start();
            return testIssuer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code iss} of its tokens: its base URL, {@code http://127.0.0.1:<port>}. */
    public String issuer() {
        return issuer;
    }

    public URI jwkSetUri() {
        return URI.create(issuer + JWKS_PATH);
    }

    /** The {@code kid} of the key that signs now. */
    public String keyId() {
        return signingKey.getKeyID();
    }

    /** How often {@code /oauth2/jwks} was asked, failed answers included. */
    public int jwksRequests() {
        return jwksRequests.get();
    }

    /**
     * Signs with a new key from now on and publishes it beside the old ones, as auth-server does when it rotates:
     * tokens signed before stay verifiable.
     */
    public synchronized void rotateKey() {
        signingKey = newKey();
        published.add(signingKey);
    }

    /** While true, {@code /oauth2/jwks} answers 503, as an auth-server that is up but in trouble. */
    public void failing(boolean failing) {
        this.failing.set(failing);
    }

    /** Stops the server: nothing answers at its port any more. */
    public void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
    }

    /** A customer's token, as auth-server issues for a login with role customer. */
    public TestToken customer(UUID customerId) {
        return token("customer-" + customerId)
                .claim("roles", List.of("customer"))
                .claim("customer_id", customerId.toString())
                .claim("scope", List.of("erlbank"));
    }

    /** A teller's token. */
    public TestToken teller(String username) {
        return token(username)
                .claim("roles", List.of("teller"))
                .claim("scope", List.of("erlbank"));
    }

    /** A service's token (client credentials): {@code sub} is the client id, scopes and no roles. */
    public TestToken service(String clientId, String... scopes) {
        return token(clientId).claim("scope", List.of(scopes));
    }

    /** A token with the standard claims only ({@code iss}, {@code sub}, {@code aud}, {@code iat}, {@code nbf},
     * {@code exp} five minutes ahead, {@code jti}): add the rest with {@link TestToken#claim}. */
    public TestToken token(String subject) {
        return new TestToken(this, subject);
    }

    /** A token a resource server must refuse, otherwise a random customer's. */
    public String forge(Forgery forgery) {
        return customer(UUID.randomUUID()).forge(forgery);
    }

    RSAKey signingKey() {
        return signingKey;
    }

    /** An attacker's key, the same for every forgery of this issuer. */
    synchronized RSAKey attackerKey() {
        if (attackerKey == null) {
            attackerKey = newKey();
        }
        return attackerKey;
    }

    static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void serveKeys(HttpExchange exchange) throws IOException {
        jwksRequests.incrementAndGet();
        if (failing.get()) {
            respond(exchange, 503, "{\"error\":\"unavailable\"}");
            return;
        }
        String keys;
        synchronized (this) {
            keys = new JWKSet(new ArrayList<>(published)).toPublicJWKSet().toString();
        }
        respond(exchange, 200, keys);
    }

    private void serveAttackerKey(HttpExchange exchange) throws IOException {
        respond(exchange, 200, new JWKSet(attackerKey()).toPublicJWKSet().toString());
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        var body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
