package org.erlbank.customer.customers.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CustomerApiPropertiesTest {

    private static final Instant DEPRECATED = Instant.parse("2026-11-26T00:00:00Z");

    @Test
    void aSunsetMustComeAfterTheDeprecation() {
        assertThat(new CustomerApiProperties.Deprecation(DEPRECATED, DEPRECATED.plusSeconds(1)).sunsetAt())
                .isAfter(DEPRECATED);
        assertThatThrownBy(() -> new CustomerApiProperties.Deprecation(DEPRECATED, DEPRECATED))
                .hasMessageContaining("later sunset-at");
        assertThatThrownBy(() -> new CustomerApiProperties.Deprecation(DEPRECATED, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CustomerApiProperties(null)).hasMessageContaining("erlbank.api.customer.v1");
    }
}
