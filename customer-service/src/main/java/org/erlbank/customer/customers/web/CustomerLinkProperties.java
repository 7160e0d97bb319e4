package org.erlbank.customer.customers.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.hateoas.UriTemplate;

/**
 * Where the links a customer resource makes to other services' resources lead.
 *
 * @param accounts URI template of a customer's accounts on account-service, with the variable {@code customerId}
 */
@ConfigurationProperties("erlbank.links")
record CustomerLinkProperties(UriTemplate accounts) {

    CustomerLinkProperties {
        if (accounts == null || !accounts.getVariableNames().contains("customerId")) {
            throw new IllegalArgumentException(
                    "erlbank.links.accounts must be a URI template with the variable {customerId}, was " + accounts);
        }
    }
}
