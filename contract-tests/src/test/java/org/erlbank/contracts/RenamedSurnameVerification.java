package org.erlbank.contracts;

import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import org.erlbank.customer.CustomerServiceApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * customer-service's verification against the real pacts, with the provider variant that renames {@code surname}.
 * Not run on its own: {@link ContractBreaksIT} runs it and expects it to fail.
 */
@Provider("customer-service")
@PactFolder("target/pacts")
@Import(ContractDemoVariants.class)
@SpringBootTest(classes = CustomerServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.datasource.url=jdbc:h2:mem:renamed-surname;DB_CLOSE_DELAY=-1",
                "erlbank.demo-data.enabled=false", "management.server.port=0", "erlbank.contract-demo=rename-surname" })
class RenamedSurnameVerification extends CustomerServiceVerification {
}
