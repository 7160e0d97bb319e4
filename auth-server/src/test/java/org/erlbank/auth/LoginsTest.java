package org.erlbank.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.erlbank.testing.HttpTestClient.assertProblem;
import static org.erlbank.testing.HttpTestClient.json;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who may log in: the lock after repeated failures, a login form that gives no username away, and logins added on
 * the management port.
 */
class LoginsTest extends AuthServerTest {

    private static final String CUSTOMER = "c0000000-0000-4000-8000-0000000000%02d";
    private static final AtomicInteger NEXT = new AtomicInteger(10);

    @Autowired
    JdbcClient jdbc;

    @Test
    void fiveFailuresLockALoginEvenAgainstItsPasswordUntilTheLockEnds() {
        var name = addLogin("locked");
        var browser = flows().browser();
        for (int failure = 1; failure <= 5; failure++) {
            assertThat(browser.logIn(name, "not-the-password")).isFalse();
        }

        assertThat(browser.logIn(name, name + "-password")).as("the right password, while locked").isFalse();
        var lockedUntil = jdbc.sql("SELECT locked_until FROM user_login WHERE username = :name").param("name", name)
                .query(Timestamp.class).single();
        assertThat(lockedUntil).as("the lock is kept in the database").isNotNull();

        // The lock ends (moved into the past here rather than waited for): then the password opens it again.
        jdbc.sql("UPDATE user_login SET locked_until = :ended WHERE username = :name")
                .param("ended", Timestamp.from(Instant.now().minusSeconds(1))).param("name", name)
                .update();
        assertThat(flows().browser().logIn(name, name + "-password")).as("once the lock has ended").isTrue();
        assertThat(jdbc.sql("SELECT failed_attempts FROM user_login WHERE username = :name").param("name", name)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void fourFailuresDoNotLockAndASuccessStartsTheCountAfresh() {
        var name = addLogin("careless");
        var browser = flows().browser();
        for (int failure = 1; failure <= 4; failure++) {
            assertThat(browser.logIn(name, "not-the-password")).isFalse();
        }
        assertThat(browser.logIn(name, name + "-password")).isTrue();
        for (int failure = 1; failure <= 4; failure++) {
            assertThat(flows().browser().logIn(name, "not-the-password")).isFalse();
        }

        assertThat(flows().browser().logIn(name, name + "-password")).as("four more are not five").isTrue();
    }

    /** An unknown username, a wrong password and a locked login: the same redirect, the same page after it. */
    @Test
    void theLoginFormGivesNoUsernameAway() {
        var locked = addLogin("shut");
        for (int failure = 1; failure <= 5; failure++) {
            assertThat(flows().browser().logIn(locked, "not-the-password")).isFalse();
        }
        var pages = new ArrayList<String>();
        var locations = new ArrayList<Optional<String>>();
        for (var attempt : List.of(List.of("nobody-of-that-name", "not-the-password"), List.of("emmy", "not-the-password"),
                List.of(locked, locked + "-password"))) {
            var browser = flows().browser();
            var answer = browser.submitLogin(attempt.get(0), attempt.get(1));
            assertThat(answer.statusCode()).as("%s", attempt).isEqualTo(302);
            locations.add(answer.headers().firstValue("Location"));
            // The page the same browser is sent to, with its session: where a message naming the cause would show.
            pages.add(withoutCsrfToken(browser.get("/login?error").body()));
        }

        assertThat(locations).allSatisfy(location -> assertThat(location)
                .hasValueSatisfying(value -> assertThat(value).endsWith("/login?error")));
        assertThat(pages).containsOnly(pages.get(0));
        assertThat(pages.get(0)).contains("Invalid credentials").doesNotContain("nobody-of-that-name");
    }

    /** Cookies are not isolated by port: with the default JSESSIONID, the gateway's session and this would clash. */
    @Test
    void theLoginSessionHasACookieOfItsOwnName() {
        var loggedIn = flows().browser().submitLogin("emmy", "emmy-password");

        assertThat(loggedIn.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).startsWith("ERLBANK_AUTH_SESSION=").contains("HttpOnly"))
                .noneSatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID="));
    }

    @Test
    void aCustomerRegisteredThroughTheApiIsGivenALoginAndGetsATokenWithHerId() {
        var customerId = "4b0c1d6e-3f2a-4c5b-8d9e-0a1b2c3d4e5f";

        var added = management.post("/actuator/logins", """
                {"username":"margaret","password":"margaret-password","customerId":"%s"}""".formatted(customerId));

        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(json(added).path("username").asString()).isEqualTo("margaret");
        assertThat(json(added).path("role").asString()).isEqualTo("customer");
        assertThat(added.body()).doesNotContain("margaret-password");
        var jwt = flows().verify(flows().accessToken("margaret", "margaret-password"));
        assertThat(jwt.getClaimAsString("customer_id")).isEqualTo(customerId);
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("customer");
    }

    @Test
    void aTellerLoginHasNoCustomerId() {
        var added = management.post("/actuator/logins",
                "{\"username\":\"frances\",\"password\":\"frances-password\",\"role\":\"teller\"}");

        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        var jwt = flows().verify(flows().accessToken("frances", "frances-password"));
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("teller");
        assertThat(jwt.hasClaim("customer_id")).isFalse();
    }

    @Test
    void aTakenUsernameIsAConflictAndKeepsItsPassword() {
        var taken = management.post("/actuator/logins", """
                {"username":"ada","password":"another-password","customerId":"%s"}""".formatted(CUSTOMER.formatted(1)));

        assertProblem(taken, 409, "login-exists");
        assertThat(flows().browser().logIn("ada", "another-password")).isFalse();
    }

    @Test
    void aLoginThatCannotBeIsRefusedNamingEveryBrokenField() {
        var refused = management.post("/actuator/logins",
                "{\"username\":\"X\",\"password\":\"short\",\"customerId\":\"not-a-uuid\"}");

        assertProblem(refused, 400, "validation-failed");
        assertThat(json(refused).path("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("username", "password", "customerId");
    }

    @Test
    void everyKindOfBadInputIsA400ValidationProblemAndAddsNothing() {
        var before = logins();
        var bad = new String[] {
                "{}",
                "{\"username\":\"ok-name\",\"password\":\"long-enough-password\"}",
                "{\"username\":\"ok-name\",\"password\":\"long-enough-password\",\"role\":\"teller\",\"customerId\":\""
                        + CUSTOMER.formatted(1) + "\"}",
                "{\"username\":\"ok-name\",\"password\":\"long-enough-password\",\"role\":\"admin\"}",
                "{\"username\":5,\"password\":\"long-enough-password\",\"role\":\"teller\"}",
                "{\"username\":\"ok-name\",\"password\":\"" + "é".repeat(40) + "\",\"role\":\"teller\"}",
                "{\"username\":\"ok-name\",\"password\":\"long-enough\\u0000password\",\"role\":\"teller\"}",
                "{\"username\":\"Ok-Name\",\"password\":\"long-enough-password\",\"role\":\"teller\"}",
                "{\"username\":\"" + "a".repeat(33) + "\",\"password\":\"long-enough-password\",\"role\":\"teller\"}",
        };
        for (var body : bad) {
            var answer = management.post("/actuator/logins", body);
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(json(answer).path("type").asString()).as("%s: %s", body, answer.body())
                    .isEqualTo("https://erlbank.example/problems/validation-failed");
        }
        assertThat(logins()).isEqualTo(before);
    }

    /** The actuator reads the body as a map of strings: a number is taken as its digits, a list is unreadable. */
    @Test
    void aBodyThatIsNotAJsonObjectOfStringsIsAMalformedRequest() {
        var before = logins();

        for (var body : new String[] { "{\"username\":", "not json", "[]",
                "{\"username\":[\"ok-name\"],\"password\":\"long-enough-password\",\"role\":\"teller\"}" }) {
            var answer = management.post("/actuator/logins", body);
            assertThat(answer.statusCode()).as(body).isEqualTo(400);
            assertThat(json(answer).path("type").asString()).as("%s: %s", body, answer.body())
                    .isEqualTo("https://erlbank.example/problems/malformed-request");
        }
        assertThat(logins()).isEqualTo(before);
    }

    /** A customer login of its own for a test, with the password {@code <name>-password}. */
    private String addLogin(String prefix) {
        int number = NEXT.getAndIncrement();
        var name = prefix + number;
        var added = management.post("/actuator/logins", """
                {"username":"%s","password":"%s-password","customerId":"%s"}""".formatted(name, name,
                CUSTOMER.formatted(number)));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        return name;
    }

    private long logins() {
        return jdbc.sql("SELECT count(*) FROM user_login").query(Long.class).single();
    }

    private static String withoutCsrfToken(String page) {
        return page.replaceAll("value=\"[^\"]*\"", "value=\"\"");
    }
}
