package org.erlbank.account.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerIdTest {

    private static final UUID ADA = UUID.fromString("c0000000-0000-4000-8000-000000000001");

    @ParameterizedTest
    @ValueSource(strings = {
            "c0000000-0000-4000-8000-000000000001",
            " c0000000-0000-4000-8000-000000000001 ",
            "http://localhost:8081/customers/c0000000-0000-4000-8000-000000000001",
            "http://localhost:8080/api/customers/c0000000-0000-4000-8000-000000000001/",
            "https://erlbank.example/customers/c0000000-0000-4000-8000-000000000001?view=full" })
    void readsTheIdFromAUriOrABareId(String reference) {
        assertThat(CustomerId.fromReference(reference)).isEqualTo(new CustomerId(ADA));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", "42", "http://localhost:8081/accounts/c0000000-0000-4000-8000-000000000001",
            "http://localhost:8081/customers/", "http://localhost:8081/customers/not-a-uuid-at-all-but-36-chars-long",
            "::::", "http://localhost:8081/customers/c0000000-0000-4000-8000-000000000001/accounts" })
    void refusesReferencesThatNameNoCustomer(String reference) {
        assertThatThrownBy(() -> CustomerId.fromReference(reference)).isInstanceOf(IllegalArgumentException.class);
    }
}
