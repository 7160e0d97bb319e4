package org.erlbank.auth.clients;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Writes the configured clients into the database at every start: the configuration is the truth, the table keeps
 * each client's id (which authorizations refer to) and, while the configured secret still matches, its hash. A client
 * no longer configured is removed, with its authorizations and consents: it gets no more tokens, and its refresh
 * tokens stop working.
 */
class RegisteredClients implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(RegisteredClients.class);

    private final ClientProperties properties;
    private final RegisteredClientRepository repository;
    private final PasswordEncoder passwordEncoder;
    private final JdbcClient jdbc;

    RegisteredClients(ClientProperties properties, RegisteredClientRepository repository,
            PasswordEncoder passwordEncoder, JdbcClient jdbc) {
        this.properties = properties;
        this.repository = repository;
        this.passwordEncoder = passwordEncoder;
        this.jdbc = jdbc;
    }

    @Override
    public void afterPropertiesSet() {
        properties.clients().forEach(this::register);
        removeClientsNotConfigured();
        log.info("Registered clients: {}", properties.clients().keySet());
    }

    /**
     * Authorizations and consents first: Spring Authorization Server cannot read an authorization whose client is
     * gone. (Statements one by one, each repeatable: a start that stops in between finishes the job at the next.)
     */
    private void removeClientsNotConfigured() {
        var configured = properties.clients().keySet();
        var removed = jdbc.sql("SELECT id FROM oauth2_registered_client WHERE client_id NOT IN (:configured)")
                .param("configured", configured).query(String.class).list();
        if (removed.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM oauth2_authorization WHERE registered_client_id IN (:removed)")
                .param("removed", removed).update();
        jdbc.sql("DELETE FROM oauth2_authorization_consent WHERE registered_client_id IN (:removed)")
                .param("removed", removed).update();
        var clients = jdbc.sql("DELETE FROM oauth2_registered_client WHERE id IN (:removed)")
                .param("removed", removed).update();
        log.info("Removed {} client(s) no longer configured", clients);
    }

    /**
     * Writes one client. Two instances of auth-server starting at the same moment on one database may both find it
     * missing and both insert it under a new id; the second is refused on the client id, which is unique (by the
     * database, or by the repository's own check, which finds the first one's row first), then finds that row and
     * updates it as at any later start, instead of failing to start.
     */
    private void register(String clientId, ClientProperties.Client client) {
        try {
            repository.save(registered(clientId, client));
        } catch (DuplicateKeyException | IllegalArgumentException anotherInstanceWasFirst) {
            repository.save(registered(clientId, client));
        }
    }

    private RegisteredClient registered(String clientId, ClientProperties.Client client) {
        var existing = repository.findByClientId(clientId);
        var builder = RegisteredClient.withId(existing == null ? UUID.randomUUID().toString() : existing.getId())
                .clientId(clientId)
                .clientName(clientId);
        if (existing != null) {
            builder.clientIdIssuedAt(existing.getClientIdIssuedAt());
        }
        if (client.isPublic()) {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            // Hashing anew at every start would be as safe, but costs a bcrypt round per client and start.
            var unchanged = existing != null && existing.getClientSecret() != null
                    && passwordEncoder.matches(client.secret(), existing.getClientSecret());
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientSecret(unchanged ? existing.getClientSecret() : passwordEncoder.encode(client.secret()));
        }
        client.grantTypes().forEach(grantType -> builder.authorizationGrantType(new AuthorizationGrantType(grantType)));
        client.redirectUris().forEach(builder::redirectUri);
        client.postLogoutRedirectUris().forEach(builder::postLogoutRedirectUri);
        client.scopes().forEach(builder::scope);
        return builder
                // PKCE for every client that logs a person in, confidential ones too (OAuth 2.1); no consent page:
                // every client is Erlbank's own.
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(properties.accessTokenTimeToLive())
                        .refreshTokenTimeToLive(properties.refreshTokenTimeToLive())
                        // Rotation: every refresh answers with a new refresh token and the old one is spent, so a
                        // stolen refresh token works once at most.
                        .reuseRefreshTokens(false)
                        .build())
                .build();
    }
}
