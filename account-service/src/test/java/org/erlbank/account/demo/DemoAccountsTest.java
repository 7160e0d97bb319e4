package org.erlbank.account.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.util.UUID;
import org.erlbank.account.accounts.Account;
import org.erlbank.account.accounts.Accounts;
import org.erlbank.account.accounts.Transfers;
import org.erlbank.account.customers.CustomerId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DemoAccountsTest {

    private final Accounts accounts = mock(Accounts.class);
    private final Transfers transfers = mock(Transfers.class);

    @Test
    void opensAnAccountForEveryDemoCustomerWithoutAskingCustomerService() {
        given(accounts.isEmpty()).willReturn(true);
        given(accounts.openForKnownOwner(any())).willAnswer(invocation -> mock(Account.class));

        new DemoAccounts(accounts, transfers).run(new DefaultApplicationArguments());

        verify(accounts, times(DemoAccounts.DEMO_CUSTOMERS)).openForKnownOwner(any());
        verify(accounts).openForKnownOwner(new CustomerId(UUID.fromString("c0000000-0000-4000-8000-000000000001")));
        verify(accounts).openForKnownOwner(new CustomerId(UUID.fromString("c0000000-0000-4000-8000-000000000006")));
        verify(accounts, never()).open(any());
        verify(transfers, times(7)).transfer(any(), any(), any());
    }

    @Test
    void leavesExistingAccountsAlone() {
        given(accounts.isEmpty()).willReturn(false);

        new DemoAccounts(accounts, transfers).run(new DefaultApplicationArguments());

        verify(accounts, never()).openForKnownOwner(any());
        verifyNoInteractions(transfers);
    }

    @Test
    void canBeSwitchedOff() {
        new ApplicationContextRunner()
                .withBean(Accounts.class, () -> accounts)
                .withBean(Transfers.class, () -> transfers)
                .withUserConfiguration(DemoAccounts.class)
                .withPropertyValues("erlbank.demo-data.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(DemoAccounts.class));
    }
}
