package org.erlbank.customer.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import org.erlbank.customer.customers.Customers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DemoCustomersTest {

    private final Customers customers = mock(Customers.class);

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(Customers.class, () -> customers)
            .withUserConfiguration(DemoCustomers.class);

    @Test
    void registersTheDemoCustomersIntoAnEmptyDatabase() {
        given(customers.isEmpty()).willReturn(true);

        new DemoCustomers(customers).run(new DefaultApplicationArguments());

        verify(customers, times(DemoCustomers.CUSTOMERS.size())).registerWithId(any(), any());
        DemoCustomers.CUSTOMERS.forEach(demo -> verify(customers).registerWithId(demo.id(), demo.name()));
    }

    @Test
    void leavesADatabaseWithCustomersAlone() {
        given(customers.isEmpty()).willReturn(false);

        new DemoCustomers(customers).run(new DefaultApplicationArguments());

        verify(customers, never()).registerWithId(any(), any());
    }

    @Test
    void isOnByDefault() {
        context.run(started -> assertThat(started).hasSingleBean(DemoCustomers.class));
    }

    @Test
    void canBeSwitchedOff() {
        context.withPropertyValues("erlbank.demo-data.enabled=false")
                .run(started -> assertThat(started).doesNotHaveBean(DemoCustomers.class));
    }
}
