package org.erlbank.auth.demo;

import org.erlbank.auth.logins.Logins;
import org.erlbank.auth.logins.NewLogin;
import org.erlbank.auth.logins.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * Adds the demo logins that are missing at start; one that exists is left as it is (its password too).
 */
@Component
@ConditionalOnBooleanProperty(name = "erlbank.demo-data.enabled", matchIfMissing = true)
class DemoLogins implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoLogins.class);

    private final DemoLoginProperties properties;
    private final Logins logins;

    DemoLogins(DemoLoginProperties properties, Logins logins) {
        this.properties = properties;
        this.logins = logins;
    }

    @Override
    public void run(ApplicationArguments args) {
        long added = properties.logins().stream()
                .map(demo -> new NewLogin(demo.username(), demo.password(), Role.of(demo.role()), demo.customerId()))
                .filter(logins::add)
                .count();
        if (added > 0) {
            log.info("Added {} demo logins (erlbank.demo-data.enabled=false turns this off)", added);
        }
    }
}
