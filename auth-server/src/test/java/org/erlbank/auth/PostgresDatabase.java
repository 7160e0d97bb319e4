package org.erlbank.auth;

import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.erlbank.testing.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * auth-server's schema on a real PostgreSQL (test-support's embedded server, no Docker), migrated by the same Flyway
 * scripts as production: for tests of the SQL itself, without starting the application.
 */
public final class PostgresDatabase {

    private static DataSource migrated;

    private PostgresDatabase() {
    }

    public static synchronized DataSource migrated() {
        if (migrated == null) {
            Map<String, Object> settings = new HashMap<>();
            EmbeddedPostgres.register((name, value) -> settings.put(name, value.get()));
            var dataSource = new DriverManagerDataSource((String) settings.get("spring.datasource.url"),
                    (String) settings.get("spring.datasource.username"),
                    (String) settings.get("spring.datasource.password"));
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            migrated = dataSource;
        }
        return migrated;
    }
}
