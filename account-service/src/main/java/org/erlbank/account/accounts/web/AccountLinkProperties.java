package org.erlbank.account.accounts.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.hateoas.UriTemplate;

/**
 * Where the links an account makes to other services' resources lead.
 *
 * @param customer URI template of a customer on customer-service, with the variable {@code customerId}
 */
@ConfigurationProperties("erlbank.links")
record AccountLinkProperties(UriTemplate customer) {

    AccountLinkProperties {
        if (customer == null || !customer.getVariableNames().contains("customerId")) {
            throw new IllegalArgumentException(
                    "erlbank.links.customer must be a URI template with the variable {customerId}, was " + customer);
        }
    }
}
