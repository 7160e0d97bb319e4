package org.erlbank.account.accounts;

import org.springframework.test.context.TestPropertySource;

/**
 * Account persistence on the embedded H2 database that Erlbank uses by default, with its production settings.
 */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:accounts;LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1")
class H2AccountRepositoryTest extends AccountRepositoryContract {
}
