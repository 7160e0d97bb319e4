package org.erlbank.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The contracts catch a break from either side, and say where. Each case runs a real verification (or the spec
 * check) and expects it to fail with a message that names the field.
 */
class ContractBreaksIT {

    @Test
    void aProviderThatRenamesAFieldItsConsumerReadsFailsVerification() {
        var failures = failuresOf(RenamedSurnameVerification.class);

        assertThat(failures).isNotEmpty().anySatisfy(message -> assertThat(message).contains("surname"));
        assertThat(failures).as("failures for the rename alone").allSatisfy(ContractBreaksIT::notRefused);
    }

    @Test
    void aConsumerThatReliesOnWhatTheProviderDoesNotOfferFailsVerification() {
        var failures = failuresOf(GreedyConsumerVerification.class);

        assertThat(failures).isNotEmpty().anySatisfy(message -> assertThat(message).contains("customerSince"));
        assertThat(failures).as("failures for the greed alone").allSatisfy(ContractBreaksIT::notRefused);
    }

    @Test
    void aPactTheSpecDoesNotAllowFailsTheSpecCheck() throws Exception {
        var report = PactsMatchTheSpecsIT.SpecCheck.of(
                Path.of("src/test/resources/broken-pacts/account-service-customer-service.json"));

        assertThat(report).contains("/givenName").contains("/nickname");
    }

    /**
     * The provider answered as the pact expects, only not with what it expects: no status (a 401 for a missing or
     * refused token, a 403 for a caller the provider state misnamed) spoils the demonstration.
     */
    private static void notRefused(String failure) {
        assertThat(failure).doesNotContain("has status code");
    }

    private static java.util.List<String> failuresOf(Class<?> verification) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(verification))
                .execute()
                .testEvents()
                .failed()
                .stream()
                .map(Event::getPayload)
                .flatMap(java.util.Optional::stream)
                .map(payload -> String.valueOf(payload))
                .toList();
    }
}
