package org.erlbank.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bank workload against a {@link FakeBank} that holds each request to the security rules, with real tokens from
 * the test run's auth-server: the teller sets up, every client works as a customer, on her own accounts only.
 */
@ExtendWith(AuthServerExtension.class)
class BankWorkloadTest {

    private final AuthServerProcess authServer;

    BankWorkloadTest(AuthServerProcess authServer) {
        this.authServer = authServer;
    }

    @Test
    void eachClientWorksAsItsCustomerOnlyOnHerOwnAccountsWithOneTokenEach() throws Exception {
        try (var bank = new FakeBank()) {
            var result = new BankWorkload(bank.url(), new AuthServerTokens(authServer.url()),
                    new AuthServerLogins(authServer.management()), 8, BankWorkload.customersFor(8),
                    Duration.ofSeconds(3), 5).run();

            assertThat(result.holds()).as(result.toString()).isTrue();
            assertThat(bank.refusals()).as("no request the rules refused: a token, and the right one, on each")
                    .isEmpty();
            assertThat(result.customers()).isEqualTo(2);
            assertThat(bank.customers()).hasSize(2);
            var transfers = bank.transfers();
            assertThat(transfers).hasSize((int) result.transfersAcknowledged()).isNotEmpty();
            assertThat(transfers).allSatisfy(transfer -> {
                assertThat(bank.ownerOf(transfer.from())).as("from her own account").isEqualTo(transfer.madeBy());
                assertThat(bank.ownerOf(transfer.to())).as("to her own account").isEqualTo(transfer.madeBy());
            });
            assertThat(transfers.stream().map(FakeBank.Transfer::madeBy).distinct())
                    .as("both customers made transfers").containsExactlyInAnyOrderElementsOf(bank.customers());
            assertThat(bank.tokensBySubject()).as("the teller and two customers").hasSize(3)
                    .containsKey(AuthServerTokens.TELLER)
                    .allSatisfy((user, tokens) -> assertThat(tokens).as("%s's tokens: one, got once", user)
                            .hasSize(1));
            assertThat(bank.balanceReadsBySubject()).as("each customer reads her own balances").hasSize(2)
                    .allSatisfy((user, reads) -> {
                        assertThat(user).startsWith("bank-");
                        assertThat(reads).isGreaterThan(2);
                    });
            assertThat(result.readsByKind()).as("every kind of read was made")
                    .allSatisfy((kind, count) -> assertThat(count).as(kind.name()).isPositive());
            assertThat(result.readsFailedTotal()).as("and answered, each").isZero();
            assertThat(result.readsSent()).isGreaterThanOrEqualTo(result.reads());
            // What the system tests read from the workload's last line.
            assertThat(result.toString()).containsPattern("\\d+ retries with the same key")
                    .contains("2 customers with 5 accounts each").contains("every invariant held")
                    .containsPattern("counts: transfers-acknowledged=\\d+ .* reads-failed=0 reads-answered=100[.]000%");
        }
    }

    @Test
    void twoWritersAndTwoReadersPerCustomer() {
        assertThat(BankWorkload.customersFor(8)).isEqualTo(2);
        assertThat(BankWorkload.customersFor(16)).isEqualTo(4);
        assertThat(BankWorkload.customersFor(2)).as("at least one").isEqualTo(1);
        assertThatThrownBy(() -> new BankWorkload(URI.create("http://127.0.0.1:1"), null, null, 2, 3,
                Duration.ofSeconds(1), 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("from 1 to 2 customers, not 3");
    }
}
