package org.erlbank.account.customers;

import java.util.Optional;
import org.erlbank.account.customers.client.v1.CustomersApi;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * account-service's one way of asking customer-service about a customer, synchronously.
 */
@Component
public class CustomerDirectory {

    private final CustomersApi customers;
    private final CustomerServiceProperties properties;

    CustomerDirectory(CustomersApi customers, CustomerServiceProperties properties) {
        this.customers = customers;
        this.properties = properties;
    }

    /**
     * The customer's name, or nothing when customer-service does not know the customer.
     *
     * @throws CustomerServiceUnavailableException when customer-service cannot be asked or answers nonsense
     */
    public Optional<CustomerName> find(CustomerId id) {
        try {
            var customer = customers.getCustomer(id.value()).getBody();
            if (customer == null || customer.getGivenName() == null || customer.getSurname() == null) {
                throw unavailable("it answered without a customer's name", null);
            }
            return Optional.of(new CustomerName(customer.getGivenName(), customer.getSurname()));
        } catch (HttpClientErrorException.NotFound notFound) {
            return Optional.empty();
        } catch (RestClientException e) {
            throw unavailable(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private CustomerServiceUnavailableException unavailable(String reason, Throwable cause) {
        return new CustomerServiceUnavailableException(reason, properties.retryAfter(), cause);
    }
}
