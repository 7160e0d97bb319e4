package org.erlbank.auth.keys;

import java.util.LinkedHashMap;
import java.util.Map;
import org.erlbank.auth.problems.Problems;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.http.HttpStatus;

/**
 * Key rotation on the management port: {@code GET /actuator/signingkeys} lists the keys and which one signs,
 * {@code POST} adds a key that signs from then on, {@code DELETE /actuator/signingkeys/{kid}} retires one (it is no
 * longer published, so the tokens it signed no longer validate).
 */
@Endpoint(id = "signingkeys")
public class SigningKeysEndpoint {

    private final SigningKeys keys;

    SigningKeysEndpoint(SigningKeys keys) {
        this.keys = keys;
    }

    @ReadOperation
    public Map<String, Object> list() {
        var signing = keys.signingKey().kid();
        return Map.of("signingKey", signing, "keys", keys.all().stream().map(key -> describe(key, signing)).toList());
    }

    @WriteOperation
    public WebEndpointResponse<Object> add() {
        var key = keys.add();
        return new WebEndpointResponse<>(describe(key, key.kid()), HttpStatus.CREATED.value());
    }

    @DeleteOperation
    public WebEndpointResponse<Object> retire(@Selector String kid) {
        return switch (keys.retire(kid)) {
            case RETIRED -> new WebEndpointResponse<>(Map.of("kid", kid, "state", "retired"), HttpStatus.OK.value());
            case NOT_FOUND -> Problems.problem(HttpStatus.NOT_FOUND, "signing-key-not-found", "No such signing key",
                    "There is no signing key " + kid + ".");
            case LAST_KEY -> Problems.problem(HttpStatus.CONFLICT, "last-signing-key",
                    "The last signing key cannot be retired",
                    kid + " is the only published key: add a new one first (POST /actuator/signingkeys).");
        };
    }

    private static Map<String, Object> describe(SigningKey key, String signing) {
        var described = new LinkedHashMap<String, Object>();
        described.put("kid", key.kid());
        described.put("state", key.retired() ? "retired" : key.kid().equals(signing) ? "signing" : "published");
        described.put("createdAt", key.createdAt().toString());
        if (key.retired()) {
            described.put("retiredAt", key.retiredAt().toString());
        }
        return described;
    }
}
