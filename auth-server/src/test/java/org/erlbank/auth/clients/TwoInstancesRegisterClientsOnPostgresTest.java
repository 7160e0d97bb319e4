package org.erlbank.auth.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.erlbank.testing.AtOnce;
import org.erlbank.testing.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;

/**
 * Two instances of auth-server starting at the same moment on one new PostgreSQL database both register the
 * configured clients: both start, and each client is there once, as configured.
 */
class TwoInstancesRegisterClientsOnPostgresTest {

    private static final ClientProperties CLIENTS = new ClientProperties(Map.of(
            "account-service", new ClientProperties.Client("account-service-secret", Set.of("client_credentials"),
                    null, null, Set.of("customers.read")),
            "erlbank-cli", new ClientProperties.Client(null, Set.of("authorization_code"),
                    Set.of("http://127.0.0.1/erlbank-cli/callback"), null, Set.of("erlbank"))),
            null, null);

    @RepeatedTest(3)
    void bothStartAndEachClientIsThereOnce() throws Exception {
        var database = EmbeddedPostgres.newDatabase();
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        var repository = new JdbcRegisteredClientRepository(new JdbcTemplate(database));

        var started = AtOnce.run(2, () -> {
            new RegisteredClients(CLIENTS, new JdbcRegisteredClientRepository(new JdbcTemplate(database)), encoder,
                    JdbcClient.create(database)).afterPropertiesSet();
            return true;
        });

        assertThat(started).containsExactly(true, true);
        assertThat(JdbcClient.create(database).sql("SELECT client_id FROM oauth2_registered_client")
                .query(String.class).list()).containsExactlyInAnyOrder("account-service", "erlbank-cli");
        assertThat(encoder.matches("account-service-secret",
                repository.findByClientId("account-service").getClientSecret())).isTrue();
        assertThat(repository.findByClientId("erlbank-cli").getRedirectUris())
                .containsExactly("http://127.0.0.1/erlbank-cli/callback");
    }
}
