package org.erlbank.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** Our resolver finds exactly the token Spring Security's finds, and refuses exactly what it refuses. */
class BearerTokensTest {

    private static final String JWT = "eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiJ0ZWxsZXIifQ.c2lnbmF0dXJl-_A";

    private final BearerTokens ours = new BearerTokens();
    private final DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();

    static Stream<String> headers() {
        return Stream.of(null, "", "Bearer", "Bearer ", "Bearer  " + JWT, "Bearer " + JWT, "bearer " + JWT,
                "BEARER " + JWT, "Bearer " + JWT + "==", "Bearer " + JWT + "=x", "Bearer =" + JWT, "Bearer a",
                "Bearer " + JWT + " ", " Bearer " + JWT, "Bearer\t" + JWT, "Bearer " + JWT + "\n", "Basic dXNlcjpwdw==",
                "Bearer " + JWT + "é", "Bearer abc,def", "Bearer a b", "Bearerx " + JWT, "Bearer ~+/-._", "bearer");
    }

    @ParameterizedTest
    @MethodSource("headers")
    void findsOrRefusesWhatSpringSecurityDoes(String header) {
        assertSameAsSpring(header);
    }

    @Test
    void agreesWithSpringSecurityOnRandomHeaders() {
        var random = new Random(17);
        var alphabet = "aZ09-._~+/= \t,éBbEeRr".toCharArray();
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            var header = new StringBuilder(random.nextInt(3) == 0 ? "bEaReR " : "Bearer ");
            for (int length = random.nextInt(12); length > 0; length--) {
                header.append(alphabet[random.nextInt(alphabet.length)]);
            }
            headers.add(header.toString());
        }
        headers.forEach(this::assertSameAsSpring);
    }

    @Test
    void aWellFormedTokenIsFoundWithoutTheRegularExpression() {
        assertThat(BearerTokens.wellFormed("Bearer " + JWT + "==")).isEqualTo(JWT + "==");
        assertThat(BearerTokens.wellFormed("Bearer " + JWT + " ")).isNull();
        assertThat(BearerTokens.wellFormed("Basic " + JWT)).isNull();
    }

    private void assertSameAsSpring(String header) {
        var request = new MockHttpServletRequest("GET", "/accounts");
        if (header != null) {
            request.addHeader("Authorization", header);
        }
        var springsRefusal = catchThrowable(() -> spring.resolve(request));
        var ourRefusal = catchThrowable(() -> ours.resolve(request));
        if (springsRefusal == null) {
            assertThat(ourRefusal).as(header).isNull();
            assertThat(ours.resolve(request)).as(header).isEqualTo(spring.resolve(request));
        } else {
            assertThat(ourRefusal).as(header).isInstanceOf(OAuth2AuthenticationException.class)
                    .hasMessage(springsRefusal.getMessage());
            assertThat(((OAuth2AuthenticationException) ourRefusal).getError().getErrorCode())
                    .isEqualTo(((OAuth2AuthenticationException) springsRefusal).getError().getErrorCode());
        }
    }
}
