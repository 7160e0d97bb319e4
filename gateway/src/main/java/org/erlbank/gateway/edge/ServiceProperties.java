package org.erlbank.gateway.edge;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the services are. The routes in {@code application.yml} use the same settings.
 */
@ConfigurationProperties("erlbank.services")
record ServiceProperties(URI customerService, URI accountService) {
}
