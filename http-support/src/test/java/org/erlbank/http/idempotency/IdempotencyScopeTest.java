package org.erlbank.http.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Principal;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** A key belongs to its caller: the scope a key is unique within names who sent it. */
class IdempotencyScopeTest {

    @Test
    void theSameKeyFromTwoCallersIsTwoKeys() {
        var ada = IdempotencyFilter.scope(post("/accounts/10000001/transfers", "customer:ada"));
        var grace = IdempotencyFilter.scope(post("/accounts/10000001/transfers", "customer:grace"));

        assertThat(ada).isEqualTo("customer:ada POST /accounts/10000001/transfers");
        assertThat(grace).isNotEqualTo(ada);
    }

    @Test
    void oneCallersKeyIsTheSameWhateverHerToken() {
        // The principal's name, not the token: a retry with a renewed token finds its key.
        assertThat(IdempotencyFilter.scope(post("/customers", "teller:teller")))
                .isEqualTo(IdempotencyFilter.scope(post("/customers", "teller:teller")));
    }

    @Test
    void withoutSecurityTheCallerIsAnonymous() {
        assertThat(IdempotencyFilter.scope(post("/customers", null))).isEqualTo("anonymous POST /customers");
    }

    @Test
    void aScopeLongerThanItsColumnIsStoredAsItsHashAndStillNamesItsCaller() {
        var longPath = "/customers/" + "x".repeat(400);
        var ada = IdempotencyFilter.scope(post(longPath, "customer:ada"));
        var grace = IdempotencyFilter.scope(post(longPath, "customer:grace"));

        assertThat(ada).hasSizeLessThanOrEqualTo(300).startsWith("sha256:");
        assertThat(grace).hasSizeLessThanOrEqualTo(300).isNotEqualTo(ada);
    }

    private static MockHttpServletRequest post(String path, String caller) {
        var request = new MockHttpServletRequest("POST", path);
        if (caller != null) {
            Principal principal = () -> caller;
            request.setUserPrincipal(principal);
        }
        return request;
    }
}
