package org.erlbank.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which lines of a spec name the issuer, and how the issuer's own form (a path, a trailing slash) is kept. */
class SpecsNameTheIssuerTest {

    private static final String SPEC = """
            info:
              description: Log in at http://localhost:9000/login (prose: kept)
            components:
              securitySchemes:
                erlbank:
                  flows:
                    authorizationCode:
                      authorizationUrl: http://localhost:9000/oauth2/authorize
                      tokenUrl: http://localhost:9000/oauth2/token
                      x-elsewhere: http://localhost:9000/oauth2/token
            """;

    @Test
    void onlyTheFlowsUrlsMoveToTheIssuerItsPathIncluded() {
        var rewritten = new SpecsNameTheIssuer("https://login.bank.example/auth/").rewrite(SPEC);

        assertThat(rewritten.lines()).containsExactly(
                "info:",
                "  description: Log in at http://localhost:9000/login (prose: kept)",
                "components:",
                "  securitySchemes:",
                "    erlbank:",
                "      flows:",
                "        authorizationCode:",
                "          authorizationUrl: https://login.bank.example/auth/oauth2/authorize",
                "          tokenUrl: https://login.bank.example/auth/oauth2/token",
                "          x-elsewhere: http://localhost:9000/oauth2/token");
    }

    @Test
    void aUrlOnAnotherOriginIsLeftAsWritten() {
        var spec = "      tokenUrl: http://localhost:90001/oauth2/token\n      tokenUrl: https://localhost:9000/oauth2/token";

        assertThat(new SpecsNameTheIssuer("http://127.0.0.1:4711").rewrite(spec)).isEqualTo(spec);
    }
}
