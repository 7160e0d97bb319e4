package org.erlbank.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Spring Authorization Server's tables, as our migration writes them, on PostgreSQL: a client and an authorization
 * with a token far longer than a JWT of today are stored and found again by their token.
 */
class AuthorizationsOnPostgresTest {

    @Test
    void storesAnAuthorizationWithALongTokenAndFindsItByItsRefreshToken() {
        var jdbc = new JdbcTemplate(PostgresDatabase.migrated());
        var clients = new JdbcRegisteredClientRepository(jdbc);
        var client = RegisteredClient.withId(UUID.randomUUID().toString()).clientId("client-" + UUID.randomUUID())
                .clientSecret("{noop}secret").clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUri("http://localhost:8080/callback").scope("erlbank").build();
        clients.save(client);
        var authorizations = new JdbcOAuth2AuthorizationService(jdbc, clients);
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var longToken = "x".repeat(20_000);
        var refresh = UUID.randomUUID().toString();
        var authorization = OAuth2Authorization.withRegisteredClient(client).id(UUID.randomUUID().toString())
                .principalName("ada").authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, longToken, now, now.plusSeconds(300)))
                .refreshToken(new OAuth2RefreshToken(refresh, now, now.plusSeconds(3600)))
                .build();

        authorizations.save(authorization);

        assertThat(clients.findByClientId(client.getClientId())).isNotNull();
        var found = authorizations.findByToken(refresh, OAuth2TokenType.REFRESH_TOKEN);
        assertThat(found).isNotNull();
        assertThat(found.getAccessToken().getToken().getTokenValue()).isEqualTo(longToken);
        assertThat(found.getAccessToken().getToken().getExpiresAt()).isEqualTo(now.plusSeconds(300));
        assertThat(authorizations.findByToken(longToken, OAuth2TokenType.ACCESS_TOKEN)).isNotNull();
    }
}
