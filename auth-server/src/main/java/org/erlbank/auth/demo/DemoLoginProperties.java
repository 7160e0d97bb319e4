package org.erlbank.auth.demo;

import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param logins the demo logins, added when missing
 */
@ConfigurationProperties("erlbank.demo-data")
record DemoLoginProperties(List<DemoLogin> logins) {

    DemoLoginProperties {
        logins = logins == null ? List.of() : List.copyOf(logins);
    }

    /**
     * @param role       {@code customer} or {@code teller}
     * @param customerId the customer's id at customer-service (customers only)
     */
    record DemoLogin(String username, String password, String role, UUID customerId) {
    }
}
