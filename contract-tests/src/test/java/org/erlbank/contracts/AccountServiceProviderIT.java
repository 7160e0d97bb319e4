package org.erlbank.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import au.com.dius.pact.provider.spring.junit5.PactVerificationSpringProvider;
import java.util.UUID;
import org.apache.hc.core5.http.HttpRequest;
import org.erlbank.account.AccountServiceApplication;
import org.erlbank.account.accounts.AccountNumber;
import org.erlbank.account.accounts.Accounts;
import org.erlbank.account.customers.CustomerId;
import org.erlbank.testing.security.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * account-service, the real application on its real (in-memory) database, verified against every pact its
 * consumers wrote. A statement needs customer-service, so the real customer-service runs beside it as a process of
 * its own. Provider states are set up through account-service's own {@link Accounts}; its demo data opens the
 * accounts of the demo customers, whom customer-service's demo data registers.
 * <p>
 * Both trust a stand-in auth-server ({@link TestIssuer}); every request carries its real token for the caller the
 * provider states name ({@link PactCallers}), and account-service gets its own token for customer-service from the
 * stand-in's token endpoint, as it gets one from auth-server when deployed.
 */
@Provider("account-service")
@PactFolder("target/pacts")
@SpringBootTest(classes = AccountServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.datasource.url=jdbc:h2:mem:account-provider;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
                "erlbank.demo-data.enabled=true" })
class AccountServiceProviderIT {

    private static final TestIssuer authServer = TestIssuer.start()
            .client("account-service", "account-service-secret", "customers.read", "customers.feed");
    private static final ServiceProcess customerService = ServiceProcess.customerService(authServer);

    @DynamicPropertySource
    static void customerServiceUrl(DynamicPropertyRegistry registry) {
        registry.add("erlbank.customer-service.url", customerService::url);
        registry.add("erlbank.security.issuer", authServer::issuer);
        registry.add("erlbank.security.jwk-set-uri", authServer::jwkSetUri);
        registry.add("spring.security.oauth2.client.provider.auth-server.token-uri", authServer::tokenUri);
    }

    @AfterAll
    static void stopCustomerService() {
        customerService.close();
        authServer.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

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

    @State("account 10000001 of customer Ada Lovelace and account 10000002 exist")
    void adasAccountAndAnother() {
        var ada = new CustomerId(UUID.fromString("c0000000-0000-4000-8000-000000000001"));
        assertThat(accounts.get(new AccountNumber("10000001")).owner()).isEqualTo(ada);
        assertThat(accounts.get(new AccountNumber("10000002"))).isNotNull();
    }
}
