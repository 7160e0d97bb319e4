package org.erlbank.contracts;

import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import org.erlbank.customer.CustomerServiceApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The real customer-service verified against the pact of a consumer that has started to rely on a field nobody
 * offers ({@code customerSince}, in {@code src/test/resources/demo-pacts}). Not run on its own:
 * {@link ContractBreaksIT} runs it and expects it to fail.
 */
@Provider("customer-service")
@PactFolder("src/test/resources/demo-pacts")
// The same context as CustomerServiceProviderIT (same configuration, the variants switched off): no start of its own.
@Import(ContractDemoVariants.class)
@SpringBootTest(classes = CustomerServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.datasource.url=jdbc:h2:mem:customer-provider;DB_CLOSE_DELAY=-1",
                "erlbank.demo-data.enabled=false", "management.server.port=0" })
class GreedyConsumerVerification extends CustomerServiceVerification {
}
