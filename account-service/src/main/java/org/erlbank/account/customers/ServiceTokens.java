package org.erlbank.account.customers;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * account-service's own tokens for its calls to customer-service: client credentials from auth-server, one
 * registration per use ({@code spring.security.oauth2.client.registration.*}), each with the one scope it needs.
 * Never the end user's token: the calls are account-service's, and the feed poller runs outside any request.
 * <p>
 * A token is fetched when there is none, kept in memory, and fetched again only when it expires within the clock
 * skew ({@code erlbank.service-tokens.clock-skew}) or customer-service turned it down as invalid: not per call. The
 * token request has short timeouts of its own, and a failure to get a token (auth-server down, slow, or refusing)
 * reaches the caller as an {@link org.springframework.security.oauth2.core.OAuth2AuthorizationException}, which the
 * callers treat as customer-service being unreachable: {@link CustomerDirectory} inside its Resilience4j guard, the
 * feed follower as an unreadable feed.
 * <p>
 * After a token request failed, auth-server is not asked again for a pause that doubles with every further failure
 * (1 s, 2 s, 4 s, ... at most 10 s; randomized by half either way below that cap, exactly the cap above it; {@code erlbank.service-tokens.backoff} and
 * {@code max-backoff}): a Resilience4j circuit breaker named {@value #AUTH_SERVER} that opens on one failure and
 * lets one request through after each pause. A token request makes auth-server check the client secret (bcrypt);
 * when a cold or busy auth-server took longer than the read timeout, asking again every second only queued more of
 * them: three account-service instances starting beside it kept it at 120 concurrent bcrypt checks, none answered in
 * time, for minutes (measured 2026-12-06). Callers get the breaker's refusal at once, as an
 * {@link OAuth2AuthorizationException} like any other failure to get a token.
 * <p>
 * The tokens are fetched at start ({@link #fetchAtStart}), so that no user's call waits for the first one.
 * {@link #cached()} tells which tokens are held and until when, {@link #forget()} drops them (after the client
 * secret was rotated, or so that the next call fetches anew): {@code /actuator/servicetokens}.
 */
public final class ServiceTokens {

    /** The registration for reading customers (scope {@code customers.read}). */
    public static final String CUSTOMER_LOOKUPS = "customer-lookups";
    /** The registration for reading the customer feed (scope {@code customers.feed}). */
    public static final String CUSTOMER_FEED = "customer-feed";
    /** The circuit breaker in front of auth-server's token endpoint. */
    public static final String AUTH_SERVER = "auth-server";

    private static final Logger log = LoggerFactory.getLogger(ServiceTokens.class);

    private final ClientRegistrationRepository registrations;
    private final OAuth2AuthorizedClientService authorizedClients;
    private final OAuth2AuthorizedClientManager manager;
    /** The client-credentials registrations, by id: the ones whose tokens are held here. */
    private final Set<String> registrationIds = new ConcurrentSkipListSet<>();

    /**
     * A registration's token as held now (never the token itself).
     *
     * @param registrationId the registration ({@link #CUSTOMER_LOOKUPS}, {@link #CUSTOMER_FEED})
     * @param expiresAt      when the held token expires; null when none is held
     * @param scopes         the scopes the held token was granted; empty when none is held
     */
    public record Cached(String registrationId, Instant expiresAt, Set<String> scopes) {

        public boolean held() {
            return expiresAt != null;
        }
    }

    /** With a circuit breaker of its own in front of auth-server (not in any registry). */
    public ServiceTokens(ClientRegistrationRepository registrations, ServiceTokenProperties properties) {
        this(registrations, properties, CircuitBreakerRegistry.ofDefaults());
    }

    /** With the circuit breaker in front of auth-server taken from (and so published with) that registry. */
    public ServiceTokens(ClientRegistrationRepository registrations, ServiceTokenProperties properties,
            CircuitBreakerRegistry breakers) {
        this(registrations, properties, breakers, ObservationRegistry.NOOP);
    }

    /** ... and each token request observed (a span in the trace of the call that needed the token). */
    public ServiceTokens(ClientRegistrationRepository registrations, ServiceTokenProperties properties,
            CircuitBreakerRegistry breakers, ObservationRegistry observations) {
        this.registrations = registrations;
        // Boot's repository (and the tests') lists its registrations; any other is known by the ones asked for.
        if (registrations instanceof Iterable<?> all) {
            for (var registration : all) {
                if (registration instanceof ClientRegistration client && AuthorizationGrantType.CLIENT_CREDENTIALS
                        .equals(client.getAuthorizationGrantType())) {
                    registrationIds.add(client.getRegistrationId());
                }
            }
        }
        var provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
        provider.setAccessTokenResponseClient(backingOff(tokenResponseClient(properties, observations),
                breakers.circuitBreaker(AUTH_SERVER, backoff(properties))));
        provider.setClockSkew(properties.clockSkew());
        this.authorizedClients = new InMemoryOAuth2AuthorizedClientService(registrations);
        // Not bound to a request (DefaultOAuth2AuthorizedClientManager would be): works for the feed poller too.
        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(provider);
        this.manager = new OneFetchAtATime(manager);
    }

    /**
     * One token request at a time per registration. Without it, every call that finds no token (at start, after
     * expiry, after {@link #forget()}) asks auth-server at once: under load a herd of client-credentials requests, each
     * checking the client secret (bcrypt), starves a cold auth-server past the token request's timeout, every one of
     * them fails, and the breaker keeps statements degraded although auth-server is up. The calls that waited for a
     * request that failed get its failure at once, rather than each asking again in turn.
     */
    private static final class OneFetchAtATime implements OAuth2AuthorizedClientManager {

        private final OAuth2AuthorizedClientManager delegate;
        private final java.util.concurrent.ConcurrentMap<String, Flight> flights =
                new java.util.concurrent.ConcurrentHashMap<>();

        OneFetchAtATime(OAuth2AuthorizedClientManager delegate) {
            this.delegate = delegate;
        }

        private static final class Flight {
            private RuntimeException lastFailure;
            private long lastFailureAt;
        }

        @Override
        public OAuth2AuthorizedClient authorize(OAuth2AuthorizeRequest request) {
            var flight = flights.computeIfAbsent(request.getClientRegistrationId(), id -> new Flight());
            long arrived = System.nanoTime();
            synchronized (flight) {
                if (flight.lastFailure != null && flight.lastFailureAt - arrived > 0) {
                    throw flight.lastFailure;
                }
                try {
                    return delegate.authorize(request);
                } catch (RuntimeException failed) {
                    flight.lastFailure = failed;
                    flight.lastFailureAt = System.nanoTime();
                    throw failed;
                }
            }
        }
    }

    /**
     * An interceptor that sends the registration's token with every request ({@code Authorization: Bearer}).
     *
     * @throws IllegalArgumentException when there is no such registration (a configuration mistake, found at start)
     */
    public ClientHttpRequestInterceptor bearer(String registrationId) {
        var registration = registrations.findByRegistrationId(registrationId);
        if (registration == null) {
            throw new IllegalArgumentException("No OAuth2 client registration " + registrationId
                    + " (spring.security.oauth2.client.registration." + registrationId + ")");
        }
        registrationIds.add(registrationId);
        // One fixed principal, account-service itself: whoever's request is being served, the token is the same.
        var self = self(registration);
        var interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
        interceptor.setClientRegistrationIdResolver(request -> registrationId);
        interceptor.setPrincipalResolver(request -> self);
        // A token customer-service turns down (401 invalid_token) is forgotten, so the next call gets a new one; the
        // interceptor's own default keeps it.
        interceptor.setAuthorizationFailureHandler(
                OAuth2ClientHttpRequestInterceptor.authorizationFailureHandler(authorizedClients));
        return interceptor;
    }

    /**
     * Fetches a token for every registration that holds none, so that the first calls after start do not wait for
     * one (on a cold auth-server, a second and more: measured, that alone made the first statements slow enough
     * for the breaker to open). Tries once now; when auth-server does not answer (it starts beside account-service),
     * keeps trying every {@code interval} in the background, for at most {@code patience}, then leaves it to the
     * first call. Nothing here goes through customer-service's breaker: no user waits for it, and auth-server still
     * starting is no failure of customer-service (the requests do go through the {@value #AUTH_SERVER} breaker,
     * which spaces them out when they fail).
     *
     * @return whether every registration holds a token now (false: the background goes on trying)
     */
    public boolean fetchAtStart(Duration interval, Duration patience) {
        if (fetchMissing()) {
            return true;
        }
        long deadline = System.nanoTime() + patience.toNanos();
        var retries = new Thread(() -> {
            try {
                while (System.nanoTime() - deadline < 0) {
                    Thread.sleep(interval.toMillis());
                    if (fetchMissing()) {
                        log.info("account-service holds its tokens for customer-service: {}", cached());
                        return;
                    }
                }
                log.warn("account-service got no token from auth-server within {} of its start; the first calls to"
                        + " customer-service will ask for one", patience);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        }, "service-tokens-at-start");
        retries.setDaemon(true);
        retries.start();
        return false;
    }

    /** Asks for a token for each registration that holds none; true when every one holds one. */
    private boolean fetchMissing() {
        boolean all = true;
        for (var id : registrationIds) {
            var registration = registrations.findByRegistrationId(id);
            if (registration == null) {
                continue;
            }
            try {
                var request = OAuth2AuthorizeRequest.withClientRegistrationId(id).principal(self(registration)).build();
                if (manager.authorize(request) == null) {
                    all = false;
                }
            } catch (RuntimeException notYet) {
                log.debug("No token for {} yet: {}", id, notYet.toString());
                all = false;
            }
        }
        return all;
    }

    /** Each registration's token as held now: whether there is one, and until when. */
    public List<Cached> cached() {
        var cached = new ArrayList<Cached>();
        for (var id : registrationIds) {
            var registration = registrations.findByRegistrationId(id);
            OAuth2AuthorizedClient client = registration == null ? null
                    : authorizedClients.loadAuthorizedClient(id, principalOf(registration));
            if (client == null || client.getAccessToken() == null) {
                cached.add(new Cached(id, null, Set.of()));
            } else {
                cached.add(new Cached(id, client.getAccessToken().getExpiresAt(),
                        new TreeSet<>(client.getAccessToken().getScopes())));
            }
        }
        return cached;
    }

    /**
     * Drops every held token: the next call of each registration fetches a new one. For a rotated client secret (a
     * held token stays valid until it expires, but the next fetch must use the new secret at once) or a demo.
     *
     * @return how many tokens were held
     */
    public int forget() {
        int held = 0;
        for (var id : registrationIds) {
            var registration = registrations.findByRegistrationId(id);
            if (registration == null) {
                continue;
            }
            if (authorizedClients.loadAuthorizedClient(id, principalOf(registration)) != null) {
                held++;
            }
            authorizedClients.removeAuthorizedClient(id, principalOf(registration));
        }
        return held;
    }

    /** account-service itself, as the principal its tokens are asked for and held under. */
    private static Authentication self(ClientRegistration registration) {
        return UsernamePasswordAuthenticationToken.authenticated(principalOf(registration), null, List.of());
    }

    /** The principal every token is held under: account-service itself, its client id. */
    private static String principalOf(ClientRegistration registration) {
        return registration.getClientId();
    }

    /**
     * The breaker that spaces out token requests after a failure: open on a single failed request, then one request
     * after a pause that grows exponentially with each failure in a row, closed again by one that succeeds.
     */
    static CircuitBreakerConfig backoff(ServiceTokenProperties properties) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(1)
                .minimumNumberOfCalls(1)
                .failureRateThreshold(100)
                .permittedNumberOfCallsInHalfOpenState(1)
                .waitIntervalFunctionInOpenState(IntervalFunction.ofExponentialRandomBackoff(properties.backoff(), 2,
                        0.5, properties.maxBackoff()))
                .build();
    }

    /** The token client, asked only while the breaker lets it; its refusal is a failure to get a token like others. */
    static OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> backingOff(
            OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> client, CircuitBreaker breaker) {
        return request -> {
            try {
                return breaker.executeSupplier(() -> client.getTokenResponse(request));
            } catch (CallNotPermittedException pausing) {
                throw new OAuth2AuthorizationException(new OAuth2Error("temporarily_unavailable",
                        "auth-server failed the last token request; not asked again before a pause", null), pausing);
            }
        };
    }

    /** Spring Security's own token client, on a RestClient with the short timeouts (its default has none). */
    private static RestClientClientCredentialsTokenResponseClient tokenResponseClient(
            ServiceTokenProperties properties, ObservationRegistry observations) {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout()).build();
        var requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.readTimeout());
        // As Spring Security builds its own: the form out, the token response in, OAuth 2 errors as exceptions.
        var restClient = RestClient.builder().requestFactory(requests).observationRegistry(observations)
                .configureMessageConverters(converters -> converters
                        .addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build();
        var client = new RestClientClientCredentialsTokenResponseClient();
        client.setRestClient(restClient);
        return client;
    }
}
