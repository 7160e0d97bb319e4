package org.erlbank.contracts;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.spring.junit5.PactVerificationSpringProvider;
import java.util.Map;
import java.util.UUID;
import org.apache.hc.core5.http.HttpRequest;
import org.erlbank.customer.customers.CustomerId;
import org.erlbank.customer.customers.CustomerNotFoundException;
import org.erlbank.customer.customers.Customers;
import org.erlbank.customer.customers.PersonName;
import org.erlbank.customer.customers.PostalAddress;
import org.erlbank.testing.security.TestIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * customer-service, the real application on its real (in-memory) database, verified against pacts. Provider states
 * are set up through its own {@link Customers}. It trusts a stand-in auth-server ({@link TestIssuer}), and every
 * request carries a real token of it for the caller the interaction's provider states name ({@link PactCallers}), so
 * its rules of who may do what are verified with the pacts. The subclasses say which pacts and which variant of the
 * provider.
 */
abstract class CustomerServiceVerification {

    /** One for every verification of customer-service: its issuer is part of their one shared context. */
    static final TestIssuer authServer = TestIssuer.start();

    @DynamicPropertySource
    static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
        registry.add("erlbank.security.issuer", authServer::issuer);
        registry.add("erlbank.security.jwk-set-uri", authServer::jwkSetUri);
    }

    @LocalServerPort
    int port;

    @Autowired
    Customers customers;

    private final PactCallers callers = new PactCallers(authServer);

    @BeforeEach
    void target(PactVerificationContext context) {
        context.setTarget(new HttpTestTarget("127.0.0.1", port));
        context.withStateChangeHandlers(callers);
    }

    @TestTemplate
    @ExtendWith(PactVerificationSpringProvider.class)
    void honoursThePact(PactVerificationContext context, HttpRequest request) {
        callers.authorize(request);
        context.verifyInteraction();
    }

    @State("customer c0000000-0000-4000-8000-000000000001 exists")
    public void adaExists() {
        var ada = new CustomerId(UUID.fromString("c0000000-0000-4000-8000-000000000001"));
        try {
            customers.get(ada);
        } catch (CustomerNotFoundException absent) {
            customers.registerWithId(ada, new PersonName("Ada", "Lovelace"));
        }
    }

    /** Ada with an address (the v2 pact needs one); the ETag a change must name, for the pact to send. */
    @State("customer c0000000-0000-4000-8000-000000000001 exists with a postal address")
    public Map<String, Object> adaHasAPostalAddress() {
        adaExists();
        var ada = new CustomerId(UUID.fromString("c0000000-0000-4000-8000-000000000001"));
        var customer = customers.get(ada);
        if (customer.postalAddress().isEmpty()) {
            customer = customers.change(ada, version -> true, customer.name(),
                    new PostalAddress("12 St James's Square", "SW1Y 4JH", "London", "GB"));
        }
        return Map.of("etag", "\"" + customer.versionNumber() + "\"");
    }

    @State("no customer c0000000-0000-4000-8000-000000000099 exists")
    public void nobodyExists() {
        assertThatThrownBy(() -> customers.get(new CustomerId(UUID.fromString("c0000000-0000-4000-8000-000000000099"))))
                .isInstanceOf(CustomerNotFoundException.class);
    }
}
