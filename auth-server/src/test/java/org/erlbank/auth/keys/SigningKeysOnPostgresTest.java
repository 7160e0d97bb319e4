package org.erlbank.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.erlbank.auth.PostgresDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The signing keys' SQL on PostgreSQL: a key is read back as it was made, the newest signs, retiring stops
 * publishing, and the last key stays.
 */
class SigningKeysOnPostgresTest {

    private final SigningKeys keys = new SigningKeys(JdbcClient.create(PostgresDatabase.migrated()), Clock.systemUTC());

    @Test
    void theNewestKeySignsAndRetiredKeysAreNotPublishedButTheLastOneStays() {
        var first = keys.signingKey();
        var second = keys.add();

        assertThat(keys.signingKeyId()).isEqualTo(second.kid());
        assertThat(keys.published()).extracting(SigningKey::kid).contains(first.kid(), second.kid());
        var newest = keys.published().get(0);
        assertThat(newest.kid()).isEqualTo(second.kid());
        assertThat(newest.createdAt()).as("read back as made").isEqualTo(second.createdAt());
        assertThat(newest.jwk().toJSONString()).isEqualTo(second.jwk().toJSONString());

        for (var key : keys.published()) {
            if (!key.kid().equals(second.kid())) {
                assertThat(keys.retire(key.kid())).isEqualTo(SigningKeys.RetireResult.RETIRED);
            }
        }

        assertThat(keys.published()).extracting(SigningKey::kid).containsExactly(second.kid());
        assertThat(keys.retire(second.kid())).isEqualTo(SigningKeys.RetireResult.LAST_KEY);
        assertThat(keys.retire("no-such-key")).isEqualTo(SigningKeys.RetireResult.NOT_FOUND);
        assertThat(keys.all()).extracting(SigningKey::kid).contains(first.kid());
    }
}
