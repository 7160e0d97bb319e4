package org.erlbank.customer.customers.web;

import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The life cycle of the customer API's versions.
 *
 * @param v1 when v1 was deprecated and when it will be switched off
 */
@ConfigurationProperties("erlbank.api.customer")
record CustomerApiProperties(Deprecation v1) {

    CustomerApiProperties {
        if (v1 == null) {
            throw new IllegalArgumentException("erlbank.api.customer.v1.deprecated-at and sunset-at must be set");
        }
    }

    /**
     * @param deprecatedAt since when the version is deprecated ({@code Deprecation})
     * @param sunsetAt     after when it may stop answering ({@code Sunset}); after {@code deprecatedAt}
     */
    record Deprecation(Instant deprecatedAt, Instant sunsetAt) {

        Deprecation {
            if (deprecatedAt == null || sunsetAt == null || !sunsetAt.isAfter(deprecatedAt)) {
                throw new IllegalArgumentException("a deprecated API version needs deprecated-at and a later sunset-at,"
                        + " was " + deprecatedAt + " and " + sunsetAt);
            }
        }
    }
}
