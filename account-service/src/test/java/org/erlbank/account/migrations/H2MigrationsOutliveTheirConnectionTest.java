package org.erlbank.account.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * On the H2 file a service creates at its first start, the constraints its migrations wrote keep working after the
 * connection that ran them is closed while the database stays open, which Hikari does to that connection after 30
 * minutes. H2 2.4.240 failed every write to a table with a {@code CHECK (... IN (...))} then ("Check constraint
 * invalid", "The database has been closed"), so every POST with an Idempotency-Key answered 500 half an hour after a
 * fresh start.
 */
class H2MigrationsOutliveTheirConnectionTest {

    @Test
    void writesAreCheckedAfterTheMigratingConnectionIsGone(@TempDir Path data) throws Exception {
        var url = "jdbc:h2:file:" + data.resolve("accounts") + ";WRITE_DELAY=0";
        // The pool's other connections keep the database open meanwhile.
        try (var pooled = DriverManager.getConnection(url, "sa", "")) {
            var migrating = new DriverManagerDataSource(url, "sa", "");
            Flyway.configure().dataSource(migrating).locations("classpath:db/migration").load().migrate();
            var jdbc = JdbcClient.create(new DriverManagerDataSource(url, "sa", ""));

            jdbc.sql("""
                    insert into idempotency_key (idempotency_key, scope, fingerprint, state, locked_until, created_at)
                    values ('k', 'POST /accounts', :fingerprint, 'IN_FLIGHT', current_timestamp, current_timestamp)""")
                    .param("fingerprint", "f".repeat(64)).update();
            assertThatThrownBy(() -> jdbc.sql("update idempotency_key set state = 'LOST'").update())
                    .as("the constraint is still checked, not merely gone")
                    .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("IDEMPOTENCY_KEY_STATE");
            assertThat(jdbc.sql("select state from idempotency_key").query(String.class).single())
                    .isEqualTo("IN_FLIGHT");
            assertThat(pooled.isValid(1)).isTrue();
        }
    }
}
