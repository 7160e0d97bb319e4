package org.erlbank.account.customers;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.erlbank.account.customers.client.v1.CustomersApi;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.cloud.client.loadbalancer.LoadBalancerInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.hateoas.MediaTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The customer API client, generated from customer-service's spec, twice: with the read timeout (every protected
 * call), and without one (the unprotected calls, as a client is often first written: it waits as long as
 * customer-service takes). Both are observed, so the trace of the request that calls goes on to customer-service
 * in a W3C {@code traceparent} header, and both call as account-service, with its own token for reading customers
 * ({@link ServiceTokens#CUSTOMER_LOOKUPS}), never with the token of the user whose request it serves.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CustomerClientConfiguration {

    /**
     * @param withTimeout    the client protected calls use
     * @param withoutTimeout the client unprotected calls use
     * @param probe          the client the probe of an open breaker uses ({@link CustomerServiceProbe}): the probe's
     *                       short read timeout
     */
    record CustomerClients(CustomersApi withTimeout, CustomersApi withoutTimeout, CustomersApi probe) {
    }

    @Bean
    ServiceTokens serviceTokens(ClientRegistrationRepository registrations, ServiceTokenProperties properties,
            CircuitBreakerRegistry breakers, ObjectProvider<ObservationRegistry> observations) {
        return new ServiceTokens(registrations, properties, breakers,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    /**
     * account-service's tokens, fetched as it starts (before it reports ready, when auth-server answers; else in the
     * background for two minutes), not by the first user's call.
     */
    @Bean
    ApplicationRunner serviceTokensAtStart(ServiceTokens tokens) {
        return arguments -> tokens.fetchAtStart(Duration.ofSeconds(1), Duration.ofMinutes(2));
    }

    /**
     * The clients as account-service uses them: through Spring Cloud LoadBalancer, over customer-service's
     * instances ({@code erlbank.balancing.instances.customer-service}, by default the one at
     * {@code erlbank.customer-service.url}), each call to one that is ready and has not just refused a connection.
     * A lookup that fails is repeated once by the guard's retry ({@link CustomerDirectory}), and the load balancer
     * then chooses again: another instance.
     */
    @Bean
    CustomerClients customerClients(CustomerServiceProperties properties, ServiceTokens tokens,
            ObjectProvider<ObservationRegistry> observations, LoadBalancerInterceptor loadBalancer) {
        return clients(BALANCED, properties, observations.getIfAvailable(() -> ObservationRegistry.NOOP),
                loadBalancer, tokens.bearer(ServiceTokens.CUSTOMER_LOOKUPS));
    }

    /** customer-service as the load balancer knows it: the host names the service, an instance is chosen per call. */
    static final URI BALANCED = URI.create("http://" + CustomerDirectory.GUARD);

    /** Clients of the one customer-service at {@code erlbank.customer-service.url}, without load balancing. */
    static CustomerClients clients(CustomerServiceProperties properties, ObservationRegistry observations,
            ClientHttpRequestInterceptor token) {
        return clients(properties.url(), properties, observations, (request, body, execution) ->
                execution.execute(request, body), token);
    }

    /**
     * @param baseUrl  where the calls go
     * @param balancer chooses the instance (or passes the call on as it is)
     * @param token    puts account-service's token on each call
     */
    private static CustomerClients clients(URI baseUrl, CustomerServiceProperties properties,
            ObservationRegistry observations, ClientHttpRequestInterceptor balancer, ClientHttpRequestInterceptor token) {
        // HTTP/1.1, as customer-service speaks it: no h2c upgrade attempt on every new connection. One connection
        // pool for the three clients; only the read timeout tells them apart.
        var httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout()).build();
        // A tolerant reader: a provider may add fields (and HAL's _links) without breaking this consumer.
        var mapper = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        var common = RestClient.builder()
                .baseUrl(baseUrl.toString())
                .observationRegistry(observations)
                .defaultHeader(HttpHeaders.ACCEPT, MediaTypes.HAL_JSON_VALUE)
                .requestInterceptor(balancer)
                .requestInterceptor(token)
                .requestInterceptor(new DeprecationNotices())
                .configureMessageConverters(converters -> converters.withJsonConverter(
                        new JacksonJsonHttpMessageConverter(mapper)));
        var withReadTimeout = new JdkClientHttpRequestFactory(httpClient);
        withReadTimeout.setReadTimeout(properties.readTimeout());
        var withProbeTimeout = new JdkClientHttpRequestFactory(httpClient);
        withProbeTimeout.setReadTimeout(properties.probeReadTimeout());
        return new CustomerClients(client(common.clone().requestFactory(withReadTimeout)),
                client(common.clone().requestFactory(new JdkClientHttpRequestFactory(httpClient))),
                client(common.clone().requestFactory(withProbeTimeout)));
    }

    /** Closes the open breaker once customer-service answers again (see {@link CustomerServiceProbe}). */
    @Bean
    CustomerServiceProbe customerServiceProbe(CustomerDirectory directory, CircuitBreakerRegistry breakers,
            ProtectionSwitch protection) {
        return new CustomerServiceProbe(directory, breakers, protection);
    }

    @Bean
    ProtectionSwitch protectionSwitch(CustomerServiceProperties properties) {
        return new ProtectionSwitch(properties.protection());
    }

    private static CustomersApi client(RestClient.Builder restClient) {
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient.build())).build()
                .createClient(CustomersApi.class);
    }
}
