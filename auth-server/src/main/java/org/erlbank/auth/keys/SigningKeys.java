package org.erlbank.auth.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signing keys in the database. Rotation: {@link #add()} a new key, which signs from then on while the old one
 * is still published (tokens it signed keep validating until they expire); later {@link #retire(String)} the old
 * one, and tokens it signed no longer validate.
 */
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final String COLUMNS = "SELECT kid, jwk, created_at, retired_at FROM signing_key";

    private final JdbcClient jdbc;
    private final Clock clock;

    SigningKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The id of the key that signs now: the token customizer names it in each token's header. */
    public String signingKeyId() {
        return signingKey().kid();
    }

    /** The newest published key; the first one is made when there is none. */
    SigningKey signingKey() {
        var published = published();
        return published.isEmpty() ? add() : published.get(0);
    }

    /** The keys the JWKS endpoint publishes, newest first. */
    List<SigningKey> published() {
        return jdbc.sql(COLUMNS + " WHERE retired_at IS NULL ORDER BY created_at DESC, kid")
                .query(SigningKeys::row).list();
    }

    List<SigningKey> all() {
        return jdbc.sql(COLUMNS + " ORDER BY created_at DESC, kid").query(SigningKeys::row).list();
    }

    /** A new RSA key (2048 bits, RS256), which signs every token from now on. */
    SigningKey add() {
        // The database keeps microseconds: the key read back must equal the key made.
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var kid = UUID.randomUUID().toString();
        RSAKey jwk;
        try {
            jwk = new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .issueTime(Date.from(now)).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate an RSA key", e);
        }
        jdbc.sql("INSERT INTO signing_key (kid, jwk, created_at) VALUES (:kid, :jwk, :createdAt)")
                .param("kid", kid)
                .param("jwk", jwk.toJSONString())
                .param("createdAt", Timestamp.from(now))
                .update();
        log.info("New signing key {}: it signs every token from now on", kid);
        return new SigningKey(kid, jwk, now, null);
    }

    /** Stops publishing a key; the last published key stays, or nothing could sign. */
    @Transactional
    RetireResult retire(String kid) {
        // The published keys locked first: two retirements of two keys at once would otherwise both count two keys
        // published and leave none (then a new key would sign, and every token issued so far would fail).
        var published = jdbc.sql("SELECT kid FROM signing_key WHERE retired_at IS NULL FOR UPDATE")
                .query(String.class).list();
        var key = jdbc.sql(COLUMNS + " WHERE kid = :kid").param("kid", kid).query(SigningKeys::row).optional();
        if (key.isEmpty()) {
            return RetireResult.NOT_FOUND;
        }
        if (key.get().retired()) {
            return RetireResult.RETIRED;
        }
        if (published.size() == 1) {
            return RetireResult.LAST_KEY;
        }
        jdbc.sql("UPDATE signing_key SET retired_at = :now WHERE kid = :kid AND retired_at IS NULL")
                .param("now", Timestamp.from(clock.instant()))
                .param("kid", kid)
                .update();
        log.info("Signing key {} retired: it is no longer published", kid);
        return RetireResult.RETIRED;
    }

    private static SigningKey row(ResultSet rs, int row) throws SQLException {
        var retired = rs.getTimestamp("retired_at");
        try {
            return new SigningKey(rs.getString("kid"), RSAKey.parse(rs.getString("jwk")),
                    rs.getTimestamp("created_at").toInstant(), retired == null ? null : retired.toInstant());
        } catch (ParseException e) {
            throw new SQLException("Signing key " + rs.getString("kid") + " is not a JWK", e);
        }
    }

    enum RetireResult {
        RETIRED, NOT_FOUND, LAST_KEY
    }
}
