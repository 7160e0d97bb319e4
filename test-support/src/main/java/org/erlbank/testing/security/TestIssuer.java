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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * auth-server for a test: an RSA key pair, its public half published at {@code /oauth2/jwks} by a JDK HTTP server on
 * {@code 127.0.0.1} (a free port), and tokens signed with it as auth-server signs them (RS256, {@code kid},
 * {@code aud: erlbank}, {@code roles}, {@code customer_id}, {@code scope}). The issuer is the server's base URL.
 * It counts the requests for its keys, can rotate its key, can fail (503) as an auth-server in trouble does, and
 * forges the tokens a resource server must refuse ({@link #forge(Forgery)}).
 * <p>
 * It also gives services their own tokens, as auth-server's token endpoint does for the client credentials grant
 * ({@code POST /oauth2/token}, the client authenticated by HTTP Basic): a client registered with
 * {@link #client(String, String, String...)} gets a {@link #service(String, String...) service token} with the scopes
 * it asked for (all of its scopes when it asked for none). It counts those requests too ({@link #tokenRequests()}),
 * and {@link #failing(boolean)} and {@link #tokenDelay(Duration)} make the endpoint fail or hang.
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
    /** The token endpoint, as auth-server's. */
    public static final String TOKEN_PATH = "/oauth2/token";
    /** How long the service tokens the token endpoint gives live, unless {@link #tokenLifetime(Duration)} says. */
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(5);

    private final HttpServer server;
    private final String issuer;
    private final List<RSAKey> published = new ArrayList<>();
    private volatile RSAKey signingKey;
    private volatile RSAKey attackerKey;
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final AtomicReference<Duration> tokenLifetime = new AtomicReference<>(DEFAULT_TOKEN_LIFETIME);
    private final AtomicReference<Duration> tokenDelay = new AtomicReference<>(Duration.ZERO);
    private final ExecutorService executor;

    /** A client of the token endpoint: its secret and the scopes it may have. */
    private record Client(String secret, Set<String> scopes) {
    }

    private TestIssuer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        this.signingKey = newKey();
        this.published.add(signingKey);
    }

    /** A new key pair, served from a free port on loopback. */
    public static TestIssuer start() {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            // Threads of its own: a token request held by tokenDelay must not hold up the keys.
            var executor = Executors.newCachedThreadPool(runnable -> {
                var thread = new Thread(runnable, "test-issuer");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            var testIssuer = new TestIssuer(server, executor);
            server.createContext(JWKS_PATH, testIssuer::serveKeys);
            server.createContext(ATTACKER_JWKS_PATH, testIssuer::serveAttackerKey);
            server.createContext(TOKEN_PATH, testIssuer::serveToken);
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

    /** The token endpoint, {@code <issuer>/oauth2/token}. */
    public URI tokenUri() {
        return URI.create(issuer + TOKEN_PATH);
    }

    /** How often {@code /oauth2/token} was asked, refused and failed answers included. */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    /**
     * Lets a client get tokens at the token endpoint (client credentials): authenticated by HTTP Basic with
     * {@code clientId} and {@code secret}, and given at most these scopes.
     */
    public TestIssuer client(String clientId, String secret, String... scopes) {
        clients.put(clientId, new Client(secret, Set.of(scopes)));
        return this;
    }

    /** How long the tokens the token endpoint gives from now on live ({@code exp} and {@code expires_in}). */
    public void tokenLifetime(Duration lifetime) {
        tokenLifetime.set(lifetime);
    }

    /** The token endpoint waits this long before it answers, as an auth-server that hangs (zero: at once). */
    public void tokenDelay(Duration delay) {
        tokenDelay.set(delay);
    }

    /**
     * Signs with a new key from now on and publishes it beside the old ones, as auth-server does when it rotates:
     * tokens signed before stay verifiable.
     */
    public synchronized void rotateKey() {
        signingKey = newKey();
        published.add(signingKey);
    }

    /**
     * While true, {@code /oauth2/jwks} and {@code /oauth2/token} answer 503, as an auth-server that is up but in
     * trouble.
     */
    public void failing(boolean failing) {
        this.failing.set(failing);
    }

    /** Stops the server: nothing answers at its port any more. */
    public void stop() {
        server.stop(0);
        executor.shutdownNow();
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

    /**
     * The client credentials grant as auth-server answers it: a registered client, authenticated by HTTP Basic,
     * gets a service token with the scopes it asked for, if it may have them; anything else is an OAuth 2 error
     * (RFC 6749 5.2).
     */
    private void serveToken(HttpExchange exchange) throws IOException {
        tokenRequests.incrementAndGet();
        var delay = tokenDelay.get();
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (failing.get()) {
            respond(exchange, 503, "{\"error\":\"unavailable\"}");
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "{\"error\":\"invalid_request\"}");
            return;
        }
        var form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        var clientId = authenticatedClient(exchange.getRequestHeaders().getFirst("Authorization"));
        if (clientId == null) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic");
            respond(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            respond(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        var allowed = clients.get(clientId).scopes();
        var requested = form.containsKey("scope")
                ? new LinkedHashSet<>(List.of(form.get("scope").trim().split("\\s+")))
                : new LinkedHashSet<>(allowed);
        if (!allowed.containsAll(requested)) {
            respond(exchange, 400, "{\"error\":\"invalid_scope\"}");
            return;
        }
        var lifetime = tokenLifetime.get();
        var token = service(clientId, requested.toArray(String[]::new)).expiresAt(Instant.now().plus(lifetime)).sign();
        var scope = String.join(" ", requested);
        respond(exchange, 200,
                "{\"access_token\":\"%s\",\"token_type\":\"Bearer\",\"expires_in\":%d,\"scope\":\"%s\"}"
                .formatted(token, lifetime.toSeconds(), scope));
    }

    /** The client an HTTP Basic header names, if it is registered and the secret is its; else {@code null}. */
    private String authenticatedClient(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        // RFC 6749 2.3.1: id and secret are form-urlencoded before they are joined.
        var clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
        var secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        var client = clients.get(clientId);
        return client != null && client.secret().equals(secret) ? clientId : null;
    }

    private static Map<String, String> form(String body) {
        var form = new LinkedHashMap<String, String>();
        for (var pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            var name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            var value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
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
