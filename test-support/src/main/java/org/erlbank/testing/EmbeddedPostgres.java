package org.erlbank.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL server for all tests of a test run (no Docker needed), started on first use.
 */
public final class EmbeddedPostgres {

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres() {
    }

    public static synchronized void register(DynamicPropertyRegistry registry) {
        var started = server();
        registry.add("spring.datasource.url", () -> started.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    /**
     * A new, empty database on the shared server, for a test that needs one of its own (two instances of a service
     * starting on one database, say).
     */
    public static synchronized javax.sql.DataSource newDatabase() {
        var name = "fresh_" + (++databases);
        try (var connection = server().getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not create the database " + name, e);
        }
        return server().getDatabase("postgres", name);
    }

    private static int databases;

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
            }
            var started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the server's folder is temporary
                }
            }));
        }
        return server;
    }
}
