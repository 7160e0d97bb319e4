package org.erlbank.account.owners;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.erlbank.account.customers.CustomerServiceProperties;
import org.erlbank.account.customers.ServiceTokens;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.client.RestClient;

/**
 * The replica of owners' names, kept by polling customer-service's customer feed
 * ({@code erlbank.replica.enabled}, every {@code erlbank.replica.poll-interval}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "erlbank.replica.enabled", matchIfMissing = true)
class OwnerReplicaConfiguration {

    /**
     * Reaches customer-service where and with the timeouts its lookups use ({@code erlbank.customer-service}), with
     * account-service's own token for the feed ({@link ServiceTokens#CUSTOMER_FEED}).
     */
    @Bean
    FeedFollower feedFollower(CustomerServiceProperties customerService, ServiceTokens tokens, OwnerReplica replica) {
        // The feed's "from" answers 303 with the page: follow it.
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(customerService.connectTimeout()).build();
        var requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(customerService.readTimeout());
        return new FeedFollower(RestClient.builder().requestFactory(requests)
                .requestInterceptor(tokens.bearer(ServiceTokens.CUSTOMER_FEED)).build(), customerService.url(), replica);
    }

    /**
     * For Prometheus: {@code erlbank_replica_position}, the feed's position the names reflect, and
     * {@code erlbank_replica_age_seconds}, how long ago the replica last read the feed (what an alert watches: it
     * grows while customer-service cannot be read).
     */
    @Bean
    MeterBinder replicaMetrics(OwnerReplica replica, Clock clock) {
        return registry -> {
            Gauge.builder("erlbank.replica.position", replica, followed -> followed.position().lastPosition())
                    .description("The customer feed's position the replica of owners' names reflects")
                    .register(registry);
            Gauge.builder("erlbank.replica.age", replica, followed -> followed.position().readAt()
                            .map(readAt -> Duration.between(readAt, clock.instant()).toMillis() / 1000.0)
                            .orElse(Double.NaN))
                    .baseUnit("seconds").description("How long ago the replica last read the customer feed")
                    .register(registry);
        };
    }

    @Bean
    FeedPolling feedPolling(FeedFollower follower) {
        return new FeedPolling(follower);
    }

    /** Polls the feed; the next poll starts a poll interval after the last one ended. */
    static class FeedPolling {

        private final FeedFollower follower;

        FeedPolling(FeedFollower follower) {
            this.follower = follower;
        }

        @Scheduled(fixedDelayString = "${erlbank.replica.poll-interval:1s}", initialDelayString = "${erlbank.replica.poll-interval:1s}")
        void poll() {
            follower.poll();
        }
    }
}
