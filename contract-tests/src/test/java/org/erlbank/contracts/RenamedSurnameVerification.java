package org.erlbank.contracts;

import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import org.erlbank.customer.CustomerServiceApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * customer-service's verification against the real pacts, with the provider variant that renames {@code surname}.
 * Not run on its own: {@link ContractBreaksIT} runs it and expects it to fail. Same context as
 * {@link CustomerServiceProviderIT}, so it costs no start of its own.
 */
@Provider("customer-service")
@PactFolder("target/pacts")
@Import(ContractDemoVariants.class)
@SpringBootTest(classes = CustomerServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.datasource.url=jdbc:h2:mem:customer-provider;DB_CLOSE_DELAY=-1",
                "erlbank.demo-data.enabled=false", "management.server.port=0" })
class RenamedSurnameVerification extends CustomerServiceVerification {

    private static boolean before;

    @BeforeAll
    static void renameSurname() {
        before = ContractDemoVariants.renameSurname;
        ContractDemoVariants.renameSurname = true;
    }

    @AfterAll
    static void asBefore() {
        ContractDemoVariants.renameSurname = before;
    }
}
