package org.erlbank.http.idempotency;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * {@code Idempotency-Key} for a service with a database ({@code erlbank.idempotency.enabled=true}); the service's
 * migrations create the {@code idempotency_key} table, and ShedLock's {@code shedlock} table (one instance of all
 * that share the database forgets the expired keys).
 */
@AutoConfiguration
@ConditionalOnClass(JdbcClient.class)
@ConditionalOnBooleanProperty("erlbank.idempotency.enabled")
@EnableConfigurationProperties(ErlbankIdempotencyAutoConfiguration.IdempotencyProperties.class)
public class ErlbankIdempotencyAutoConfiguration {

    /**
     * @param enabled   whether POSTs honour Idempotency-Key
     * @param lock      how long a request holds its key before another may take it over as abandoned (its
     *                  service died): also the timeout of its transaction, so that it cannot commit after that
     * @param retention how long keys are kept (24 hours at least: clients retry for that long)
     */
    @ConfigurationProperties("erlbank.idempotency")
    public record IdempotencyProperties(boolean enabled, Duration lock, Duration retention) {

        public IdempotencyProperties {
            lock = lock == null ? Duration.ofSeconds(15) : lock;
            retention = retention == null ? Duration.ofHours(24) : retention;
            if (retention.compareTo(Duration.ofHours(24)) < 0) {
                throw new IllegalArgumentException(
                        "erlbank.idempotency.retention is 24 hours at least, not " + retention);
            }
        }
    }

    /** Spring Security's filter chain is registered at -100 (Boot's {@code SecurityFilterProperties}). */
    static final int AFTER_SECURITY = -100 + 5;

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(DataSource dataSource,
            PlatformTransactionManager transactionManager, IdempotencyProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptionResolver) {
        var clock = Clock.systemUTC();
        var store = new IdempotencyStore(JdbcClient.create(dataSource), clock);
        var transactions = new TransactionTemplate(transactionManager);
        var filter = new IdempotencyFilter(store, transactions, exceptionResolver, properties.lock(),
                new ExpiredKeys(store, transactions, dataSource, properties.retention(),
                        IdempotencyFilter.CLEAN_UP_EVERY, clock), clock);
        var registration = new FilterRegistrationBean<>(filter);
        // After the body limit (+10): a key's request is read whole, and never beyond the limit. After Spring
        // Security's filter chain (-100) where a service has one: a key belongs to the caller it authenticated, and
        // a request it refuses claims no key.
        registration.setOrder(AFTER_SECURITY);
        return registration;
    }
}
