package org.erlbank.auth.logins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.UUID;
import org.erlbank.auth.problems.Problems.FieldError;
import org.junit.jupiter.api.Test;

class NewLoginTest {

    private static final String ID = "c0000000-0000-4000-8000-000000000001";

    @Test
    void aCustomerLoginFromTextNamesHerId() {
        var login = NewLogin.from("ada.l", "twelve-chars", null, ID);

        assertThat(login.role()).isEqualTo(Role.CUSTOMER);
        assertThat(login.customerId()).isEqualTo(UUID.fromString(ID));
    }

    @Test
    void aTellerLoginHasNoCustomerId() {
        assertThat(NewLogin.from("teller2", "twelve-chars", "teller", null).customerId()).isNull();
        assertThat(fieldsBrokenBy("teller2", "twelve-chars", "teller", ID)).containsExactly("customerId");
    }

    @Test
    void usernamesAreShortLowerCaseAndStartWithALetter() {
        for (var bad : List.of("a", "Ada", "1ada", "ada lovelace", "ada@example", "a".repeat(33), "", "ädä")) {
            assertThat(fieldsBrokenBy(bad, "twelve-chars", null, ID)).as(bad).containsExactly("username");
        }
        for (var good : List.of("ad", "a".repeat(32), "ada.lovelace", "ada_1", "ada-l")) {
            assertThat(NewLogin.from(good, "twelve-chars", null, ID).username()).isEqualTo(good);
        }
    }

    @Test
    void passwordsHaveTwelveCharactersAtMost72BytesAndNoControlCharacters() {
        assertThat(fieldsBrokenBy("ada", "eleven-char", null, ID)).containsExactly("password");
        assertThat(NewLogin.from("ada", "😀".repeat(12), null, ID).password()).hasSize(24);
        assertThat(NewLogin.from("ada", "x".repeat(72), null, ID).password()).hasSize(72);
        assertThat(fieldsBrokenBy("ada", "x".repeat(73), null, ID)).containsExactly("password");
        assertThat(fieldsBrokenBy("ada", "é".repeat(37), null, ID)).as("74 bytes").containsExactly("password");
        assertThat(fieldsBrokenBy("ada", "twelve\tchars", null, ID)).containsExactly("password");
    }

    @Test
    void everyBrokenRuleIsNamedAtOnce() {
        assertThat(fieldsBrokenBy(null, null, "admin", "not-a-uuid"))
                .containsExactly("username", "password", "role", "customerId");
        assertThat(fieldsBrokenBy(null, null, null, null)).containsExactly("username", "password", "customerId");
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(NewLogin.from("ada", "secret-secret", null, ID)).asString().doesNotContain("secret-secret");
    }

    private static List<String> fieldsBrokenBy(String username, String password, String role, String customerId) {
        return errorsOf(username, password, role, customerId).stream().map(FieldError::field).toList();
    }

    private static List<FieldError> errorsOf(String username, String password, String role, String customerId) {
        try {
            NewLogin.from(username, password, role, customerId);
        } catch (InvalidLoginException e) {
            return e.errors();
        }
        return fail("accepted %s, %s, %s, %s", username, password, role, customerId);
    }
}
