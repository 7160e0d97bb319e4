package org.erlbank.contracts;

import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import org.erlbank.customer.CustomerServiceApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * customer-service verified against every pact its consumers wrote.
 * <p>
 * {@code ./mvnw verify -Pcontract-break-demo} runs it against a variant of customer-service that renames a field
 * account-service reads ({@link ContractDemoVariants}), to show the failure a provider team would see.
 */
@Provider("customer-service")
@PactFolder("target/pacts")
@Import(ContractDemoVariants.class)
@SpringBootTest(classes = CustomerServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.datasource.url=jdbc:h2:mem:customer-provider;DB_CLOSE_DELAY=-1",
                "erlbank.demo-data.enabled=false", "management.server.port=0" })
class CustomerServiceProviderIT extends CustomerServiceVerification {
}
