package org.erlbank.account.accounts;

import org.erlbank.testing.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Account persistence on a real PostgreSQL, the production option.
 */
class PostgresAccountRepositoryTest extends AccountRepositoryContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.register(registry);
    }
}
