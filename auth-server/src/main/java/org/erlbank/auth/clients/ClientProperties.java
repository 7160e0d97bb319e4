package org.erlbank.auth.clients;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param clients                the OAuth clients by client id
 * @param accessTokenTimeToLive  how long an access token is good for (5 minutes unless set)
 * @param refreshTokenTimeToLive how long a refresh token is good for (8 hours unless set)
 */
@ConfigurationProperties("erlbank.auth")
record ClientProperties(Map<String, Client> clients, Duration accessTokenTimeToLive,
        Duration refreshTokenTimeToLive) {

    ClientProperties {
        clients = clients == null ? Map.of() : Map.copyOf(clients);
        accessTokenTimeToLive = accessTokenTimeToLive == null ? Duration.ofMinutes(5) : accessTokenTimeToLive;
        refreshTokenTimeToLive = refreshTokenTimeToLive == null ? Duration.ofHours(8) : refreshTokenTimeToLive;
    }

    /**
     * One client. Without a secret it is a public client (a browser or a command line), which proves itself with
     * PKCE alone.
     */
    record Client(String secret, Set<String> grantTypes, Set<String> redirectUris, Set<String> postLogoutRedirectUris,
            Set<String> scopes) {

        Client {
            grantTypes = grantTypes == null ? Set.of() : Set.copyOf(grantTypes);
            redirectUris = redirectUris == null ? Set.of() : Set.copyOf(redirectUris);
            postLogoutRedirectUris = postLogoutRedirectUris == null ? Set.of() : Set.copyOf(postLogoutRedirectUris);
            scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        }

        boolean isPublic() {
            return secret == null || secret.isBlank();
        }
    }
}
