package org.erlbank.account.customers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/servicetokens} on the management port (loopback, never routed by the gateway): {@code GET} tells,
 * per registration of {@link ServiceTokens}, whether account-service holds a token and until when (never the token
 * itself); {@code DELETE} drops them, so that the next call of each fetches a new one from auth-server: after the
 * client secret was rotated, or in the cascade demo, to meet an auth-server that hangs.
 */
@Component
@Endpoint(id = "servicetokens")
class ServiceTokensEndpoint {

    /**
     * @param held      whether a token is held
     * @param expiresAt when it expires (ISO 8601), null when none is held; it is renewed the clock skew before
     * @param scopes    the scopes it was granted
     */
    record Token(boolean held, String expiresAt, Set<String> scopes) {
    }

    /** @param tokens per registration id */
    record State(Map<String, Token> tokens) {
    }

    /** @param forgotten how many tokens were held and are dropped now */
    record Forgotten(int forgotten, Map<String, Token> tokens) {
    }

    private final ServiceTokens serviceTokens;

    ServiceTokensEndpoint(ServiceTokens serviceTokens) {
        this.serviceTokens = serviceTokens;
    }

    @ReadOperation
    State state() {
        return new State(tokens());
    }

    @DeleteOperation
    Forgotten forget() {
        int forgotten = serviceTokens.forget();
        return new Forgotten(forgotten, tokens());
    }

    private Map<String, Token> tokens() {
        var tokens = new LinkedHashMap<String, Token>();
        for (var cached : serviceTokens.cached()) {
            tokens.put(cached.registrationId(), new Token(cached.held(),
                    cached.held() ? cached.expiresAt().toString() : null, cached.scopes()));
        }
        return tokens;
    }
}
