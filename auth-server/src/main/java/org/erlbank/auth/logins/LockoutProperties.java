package org.erlbank.auth.logins;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxFailures failed logins in a row that lock a login (5 unless set)
 * @param duration    how long it stays locked (60 s unless set)
 */
@ConfigurationProperties("erlbank.auth.lockout")
record LockoutProperties(int maxFailures, Duration duration) {

    LockoutProperties {
        maxFailures = maxFailures <= 0 ? 5 : maxFailures;
        duration = duration == null ? Duration.ofSeconds(60) : duration;
    }
}
