package org.erlbank.gateway.edge;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the services are. The routes in {@code application.yml} use the same settings.
 *
 * @param customerServiceManagement customer-service's management port, where its health is (a service's actuator
 *                                  is not on its API port)
 * @param accountServiceManagement  account-service's management port
 */
@ConfigurationProperties("erlbank.services")
record ServiceProperties(URI customerService, URI customerServiceManagement, URI accountService,
        URI accountServiceManagement) {

    ServiceProperties {
        customerServiceManagement = customerServiceManagement == null ? customerService : customerServiceManagement;
        accountServiceManagement = accountServiceManagement == null ? accountService : accountServiceManagement;
    }
}
