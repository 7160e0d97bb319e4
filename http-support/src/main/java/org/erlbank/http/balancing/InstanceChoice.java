package org.erlbank.http.balancing;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.List;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.ResponseData;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import reactor.core.publisher.Flux;

/**
 * How an instance of a service is chosen, in the load balancer's context for that service (Spring Cloud makes one per
 * service from this class; it is no {@code @Configuration} of the application's own). The configured instances
 * ({@link ConfiguredInstances}); of those, the ones whose readiness ({@code /readyz} on the API port) answered the
 * last health check, asked every second by Spring Cloud's health-check supplier; of those, the ones that have not
 * just refused a connection ({@link UnreachableInstances}); the round robin picks among what is left.
 */
class InstanceChoice {

    /** The class name of Apache HttpClient's connect timeout (the gateway's client), which account-service lacks. */
    private static final String APACHE_CONNECT_TIMEOUT = "org.apache.hc.client5.http.ConnectTimeoutException";

    @Bean
    ServiceInstanceListSupplier instanceListSupplier(ConfigurableApplicationContext context,
            UnreachableInstances unreachable, DiscoveryClient discovery) {
        return ServiceInstanceListSupplier.builder()
                .withBlockingDiscoveryClient()
                .withBlockingHealthChecks(healthChecks())
                .with((ignored, healthChecked) -> new Reachable(healthChecked, unreachable, discovery))
                .build(context);
    }

    /**
     * The health checks' client: short limits (a check that takes longer than its one-second interval counts as
     * failed anyway), no load balancing and no tracing of its own (a check a second per instance is no request worth
     * a trace).
     */
    private static RestClient healthChecks() {
        var factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(Duration.ofMillis(500));
        factory.setReadTimeout(Duration.ofSeconds(1));
        return RestClient.builder().requestFactory(factory).build();
    }

    @Bean
    LoadBalancerLifecycle<RequestDataContext, ResponseData, ServiceInstance> refusedConnections(
            UnreachableInstances unreachable) {
        return new RefusedConnections(unreachable);
    }

    /**
     * The health-checked instances, less those that just refused a connection. When no instance passes its health
     * check (all restarting, or none asked yet), every configured one is tried rather than none: a request then
     * fails as fast as it did without balancing, and an instance that is back is used before its next check.
     */
    static final class Reachable extends DelegatingServiceInstanceListSupplier {

        private final UnreachableInstances unreachable;
        private final DiscoveryClient discovery;

        Reachable(ServiceInstanceListSupplier delegate, UnreachableInstances unreachable, DiscoveryClient discovery) {
            super(delegate);
            this.unreachable = unreachable;
            this.discovery = discovery;
        }

        @Override
        public Flux<List<ServiceInstance>> get() {
            return getDelegate().get().map(healthy -> unreachable.reachable(
                    healthy.isEmpty() ? discovery.getInstances(getServiceId()) : healthy));
        }
    }

    /** Tells {@link UnreachableInstances} of every connection an instance refused, as the load balancer sees it. */
    static final class RefusedConnections
            implements LoadBalancerLifecycle<RequestDataContext, ResponseData, ServiceInstance> {

        private final UnreachableInstances unreachable;

        RefusedConnections(UnreachableInstances unreachable) {
            this.unreachable = unreachable;
        }

        @Override
        public boolean supports(Class requestContextClass, Class responseClass, Class serverTypeClass) {
            return RequestDataContext.class.isAssignableFrom(requestContextClass)
                    && ServiceInstance.class.isAssignableFrom(serverTypeClass);
        }

        @Override
        public void onStart(Request<RequestDataContext> request) {
        }

        @Override
        public void onStartRequest(Request<RequestDataContext> request, Response<ServiceInstance> lbResponse) {
        }

        @Override
        public void onComplete(CompletionContext<ResponseData, ServiceInstance, RequestDataContext> completion) {
            if (completion.status() == CompletionContext.Status.FAILED && completion.getLoadBalancerResponse() != null
                    && completion.getLoadBalancerResponse().hasServer()
                    && refusedConnection(completion.getThrowable())) {
                unreachable.refusedConnection(completion.getLoadBalancerResponse().getServer());
            }
        }

        /** Nothing was sent: the instance refused the connection or was not there to accept it in time. */
        static boolean refusedConnection(Throwable failure) {
            for (var cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                        || cause instanceof HttpConnectTimeoutException
                        || APACHE_CONNECT_TIMEOUT.equals(cause.getClass().getName())) {
                    return true;
                }
            }
            return false;
        }
    }
}
