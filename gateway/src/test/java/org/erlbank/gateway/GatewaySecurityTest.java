package org.erlbank.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.erlbank.testing.HttpTestClient.assertProblem;
import static org.erlbank.testing.HttpTestClient.json;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.erlbank.testing.security.Forgery;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The gateway as the edge: who gets in, as whom the services see them, and how a browser logs in (authorization
 * code with PKCE against a stand-in for auth-server's token endpoint), writes (CSRF) and logs out.
 */
class GatewaySecurityTest extends GatewayTest {

    private static final UUID ADA = UUID.fromString("c0000000-0000-4000-8000-000000000001");
    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

    @Test
    void theAnonymousRootOffersTheLoginThePagesTheSpecsAndTheStatusOnly() {
        var root = http.get("/");

        assertThat(root.statusCode()).isEqualTo(200);
        var links = json(root).path("_links");
        assertThat(links.propertyNames()).containsExactlyInAnyOrder("self", "login", "explorer", "service-doc",
                "service-desc", "status", "help");
        assertThat(links.path("login").path("href").asString()).isEqualTo(base() + "/oauth2/authorization/erlbank");
        assertThat(root.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(http.get("/docs/relations.html").body()).contains("id=\"login\"", "id=\"logout\"",
                "id=\"customer\"", "id=\"customer-v2\"");
    }

    @Test
    void aCustomersRootLeadsToHerOwnRecordAndHerAccounts() {
        var links = rootLinks(issuer.customer(ADA).sign());

        assertThat(links.path("customer").path("href").asString()).isEqualTo(base() + "/customers/" + ADA);
        assertThat(links.path("customer-v2").path("href").asString()).isEqualTo(base() + "/v2/customers/" + ADA);
        assertThat(links.path("accounts").path("href").asString()).isEqualTo(base() + "/accounts{?page,size}");
        assertThat(links.propertyNames()).doesNotContain("customers", "customers-v2", "customer-feed", "login",
                "logout").contains("explorer", "service-doc", "service-desc", "status", "help");
    }

    @Test
    void aTellersRootLeadsToEveryCustomerEveryAccountAndTheFeed() {
        var links = rootLinks(issuer.teller("teller").sign());

        assertThat(links.propertyNames()).contains("customers", "customers-v2", "accounts", "customer-feed")
                .doesNotContain("customer", "customer-v2", "login", "logout");
    }

    @Test
    void aServicesRootLeadsWhereItsScopesAllow() {
        assertThat(rootLinks(issuer.service("account-service", "customers.read", "customers.feed").sign())
                .propertyNames()).contains("customers", "customers-v2", "customer-feed")
                .doesNotContain("accounts", "customer", "login", "logout");
        assertThat(rootLinks(issuer.service("reporting", "customers.feed").sign()).propertyNames())
                .contains("customer-feed").doesNotContain("customers", "customers-v2", "accounts");
    }

    /** The gateway's metrics are Prometheus': a service token with the scope metrics, nobody else's. */
    @Test
    void onlyATokenWithTheScopeMetricsReadsTheGatewaysMetrics() {
        assertProblem(http.get("/actuator/prometheus"), 401, "unauthorized");
        for (var token : List.of(issuer.teller("teller").sign(), issuer.customer(ADA).sign(),
                issuer.service("account-service", "customers.read", "customers.feed").sign())) {
            assertProblem(metrics(token), 403, "forbidden");
        }

        var metrics = metrics(issuer.service("prometheus", "metrics").sign());

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        // Every request's time, with the buckets a p99 over every instance is computed from.
        assertThat(metrics.body()).contains("http_server_requests_seconds_bucket{", "le=\"0.1\"");
    }

    private HttpResponse<String> metrics(String token) {
        return http.send(HttpRequest.newBuilder(http.uri("/actuator/prometheus"))
                .header("Authorization", "Bearer " + token));
    }

    @Test
    void anApiClientWithoutATokenGetsA401ProblemAndNoSession() {
        var requests = List.of(
                HttpRequest.newBuilder(http.uri("/customers")).header("Accept", "application/hal+json"),
                HttpRequest.newBuilder(http.uri("/accounts/10000001")).header("Accept", "*/*"),
                HttpRequest.newBuilder(http.uri("/accounts/10000001/transfers"))
                        .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{}")));
        for (var request : requests) {
            var response = http.send(request);

            assertProblem(response, 401, "unauthorized");
            assertThat(response.headers().allValues("WWW-Authenticate")).containsExactly("Bearer");
            assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        }
        customerService.verify(0, anyRequestedFor(urlMatching("/customers.*")));
        accountService.verify(0, anyRequestedFor(urlMatching("/accounts.*")));
    }

    @Test
    void aBrowserNavigatingWithoutALoginIsSentToTheLogin() {
        var response = new Browser().navigate(http.uri("/accounts/10000001"));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(location(response)).isEqualTo(base() + "/oauth2/authorization/erlbank");
        accountService.verify(0, anyRequestedFor(urlMatching("/accounts.*")));
    }

    @Test
    void anApiClientsTokenPassesThroughToTheServiceItsCookiesDoNotAndNoSessionIsMade() {
        var token = issuer.customer(ADA).sign();
        accountService.stubFor(post(urlPathEqualTo("/accounts/10000001/transfers")).willReturn(aResponse().withStatus(201)));

        var read = http.send(HttpRequest.newBuilder(http.uri("/accounts/10000001"))
                .header("Authorization", "Bearer " + token).header("Cookie", "ERLBANK_SESSION=guessed; other=1"));
        // A bearer request needs no CSRF token: no browser adds an Authorization header by itself.
        var write = http.send(HttpRequest.newBuilder(http.uri("/accounts/10000001/transfers"))
                .header("Authorization", "Bearer " + token).header("Cookie", "ERLBANK_SESSION=guessed")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{}")));

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(write.statusCode()).isEqualTo(201);
        accountService.verify(getRequestedFor(urlEqualTo("/accounts/10000001"))
                .withHeader("Authorization", equalTo("Bearer " + token)).withHeader("Cookie", absent()));
        accountService.verify(postRequestedFor(urlEqualTo("/accounts/10000001/transfers"))
                .withHeader("Authorization", equalTo("Bearer " + token)).withHeader("Cookie", absent()));
        assertThat(read.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(write.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void aTokenThatDoesNotVerifyIsRefusedAtTheEdge() {
        for (var forgery : Forgery.values()) {
            for (var path : new String[] { "/accounts/10000001", "/" }) {
                var response = http.send(HttpRequest.newBuilder(http.uri(path))
                        .header("Authorization", "Bearer " + issuer.forge(forgery)));

                assertProblem(response, 401, "unauthorized");
                assertThat(response.headers().firstValue("WWW-Authenticate")).as(forgery.name())
                        .contains("Bearer error=\"invalid_token\"");
            }
        }
        var bothRoles = issuer.teller("mallory").claim("roles", List.of("teller", "customer"))
                .claim("customer_id", ADA.toString()).sign();
        assertProblem(http.send(HttpRequest.newBuilder(http.uri("/accounts/10000001"))
                .header("Authorization", "Bearer " + bothRoles)), 401, "unauthorized");
        accountService.verify(0, anyRequestedFor(urlMatching("/accounts.*")));
    }

    /** The whole login, as the browser sees it, from a page that needs one back to that page. */
    @Test
    void aBrowserLogsInWithPkceGetsANewSessionAndItsTokenIsRelayedWithoutItsCookies() {
        var browser = new Browser();
        var page = browser.navigate(http.uri("/accounts/10000001"));
        var sessionBeforeLogin = browser.cookie("ERLBANK_SESSION");
        assertThat(sessionBeforeLogin).as("the page to come back to is kept in a session").isNotNull();

        var start = browser.navigate(URI.create(location(page)));
        assertThat(start.statusCode()).isEqualTo(302);
        var authorize = URI.create(location(start));
        assertThat(authorize.toString()).startsWith(issuer.issuer() + "/oauth2/authorize?");
        var request = query(authorize);
        assertThat(request.get("scope").split(" ")).containsExactlyInAnyOrder("openid", "profile", "erlbank");
        assertThat(request).containsEntry("response_type", "code").containsEntry("client_id", "erlbank-gateway")
                .containsEntry("redirect_uri", base() + "/login/oauth2/code/erlbank")
                .containsEntry("code_challenge_method", "S256")
                .containsKeys("state", "nonce", "code_challenge");

        var accessToken = accessToken("ada", ADA);
        var callback = callback(browser, request, "ada", accessToken);

        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
        assertThat(location(callback)).startsWith(base() + "/accounts/10000001");
        assertThat(Browser.setCookies(callback, "ERLBANK_SESSION")).singleElement().satisfies(cookie -> assertThat(
                cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax").contains("Path=/"));
        assertThat(browser.cookie("ERLBANK_SESSION")).as("the session id changes at login")
                .isNotNull().isNotEqualTo(sessionBeforeLogin);
        // The CSRF token for the HAL Explorer's script to read (so not HttpOnly), new with the login.
        assertThat(Browser.setCookies(callback, "XSRF-TOKEN")).singleElement()
                .satisfies(cookie -> assertThat(cookie).doesNotContain("HttpOnly"));
        authServer.verify(postRequestedFor(urlEqualTo("/oauth2/token"))
                .withHeader("Authorization", equalTo("Basic " + Base64.getEncoder().encodeToString(
                        "erlbank-gateway:gateway-secret".getBytes(StandardCharsets.UTF_8))))
                .withRequestBody(containing("grant_type=authorization_code"))
                .withRequestBody(containing("code=the-code"))
                .withRequestBody(matching(".*code_verifier=[A-Za-z0-9_~.-]{43,}.*")));

        var account = browser.send(HttpRequest.newBuilder(URI.create(location(callback)))
                .header("Accept", "application/prs.hal-forms+json"));
        assertThat(account.statusCode()).as(account.body()).isEqualTo(200);
        accountService.verify(getRequestedFor(urlPathEqualTo("/accounts/10000001"))
                .withHeader("Authorization", equalTo("Bearer " + accessToken)).withHeader("Cookie", absent()));

        var root = json(browser.send(HttpRequest.newBuilder(http.uri("/")))).path("_links");
        assertThat(root.path("customer").path("href").asString()).isEqualTo(base() + "/customers/" + ADA);
        assertThat(root.path("logout").path("href").asString()).isEqualTo(base() + "/logout");
        assertThat(root.propertyNames()).doesNotContain("login", "customers");
    }

    @Test
    void aLoginNotStartedFromAPageLandsInTheHalExplorerAtTheGateway() {
        var browser = new Browser();
        // A redirect the login is asked to make elsewhere is not made: there is no such parameter.
        var start = browser.navigate(http.uri("/oauth2/authorization/erlbank?redirect_uri=http://evil.example/"
                + "&continue=http://evil.example/"));
        var request = query(URI.create(location(start)));
        assertThat(request).containsEntry("redirect_uri", base() + "/login/oauth2/code/erlbank");

        var callback = callback(browser, request, "teller", accessToken("teller", null));

        assertThat(location(callback)).isEqualTo(base() + "/explorer");
        assertThat(json(browser.send(HttpRequest.newBuilder(http.uri("/")))).path("_links").propertyNames())
                .contains("customers", "customer-feed", "logout");
    }

    @Test
    void aLoginWithAStateItDidNotStartFails() {
        var browser = new Browser();
        var start = browser.navigate(http.uri("/oauth2/authorization/erlbank"));
        var request = new LinkedHashMap<>(query(URI.create(location(start))));
        request.put("state", "forged-state");

        var callback = callback(browser, request, "ada", accessToken("ada", ADA));

        assertThat(location(callback)).startsWith(base() + "/login?error");
        authServer.verify(0, postRequestedFor(urlEqualTo("/oauth2/token")));
    }

    @Test
    void aBrowsersWriteNeedsTheCsrfTokenSentFromTheGatewaysOwnOrigin() {
        var browser = loggedIn();
        accountService.stubFor(post(urlPathEqualTo("/accounts/10000001/transfers")).willReturn(aResponse().withStatus(201)));
        // The login set the cookie the HAL Explorer's script reads the token from.
        var csrf = browser.cookie("XSRF-TOKEN");
        assertThat(csrf).isNotNull();

        assertProblem(browser.send(transfer()), 403, "forbidden");
        assertProblem(browser.send(transfer().header("X-XSRF-TOKEN", "guessed")), 403, "forbidden");
        // Another port of the same host is another origin, though the same site: its page could read the cookie.
        assertProblem(browser.send(transfer().header("X-XSRF-TOKEN", csrf).header("Origin", "http://127.0.0.1:3000")),
                403, "forbidden");
        assertProblem(browser.send(transfer().header("X-XSRF-TOKEN", csrf).header("Sec-Fetch-Site", "same-site")),
                403, "forbidden");
        accountService.verify(0, postRequestedFor(urlPathEqualTo("/accounts/10000001/transfers")));

        var sent = browser.send(transfer().header("X-XSRF-TOKEN", csrf).header("Origin", base())
                .header("Sec-Fetch-Site", "same-origin"));

        assertThat(sent.statusCode()).isEqualTo(201);
        accountService.verify(postRequestedFor(urlEqualTo("/accounts/10000001/transfers"))
                .withHeader("Authorization", matching("Bearer .+")).withHeader("Cookie", absent())
                .withHeader("X-XSRF-TOKEN", absent()));
    }

    @Test
    void logoutAsksToConfirmThenEndsTheSessionHereAndAtAuthServer() {
        var browser = loggedIn();

        var page = browser.navigate(http.uri("/logout"));
        assertThat(page.statusCode()).isEqualTo(200);
        var matcher = CSRF_INPUT.matcher(page.body());
        assertThat(matcher.find()).as(page.body()).isTrue();
        assertProblem(browser.send(HttpRequest.newBuilder(http.uri("/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.noBody())),
                403, "forbidden");

        var logout = browser.send(HttpRequest.newBuilder(http.uri("/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base())
                .POST(BodyPublishers.ofString("_csrf=" + encode(matcher.group(1)))));

        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().allValues("Set-Cookie")).as("the browser forgets the session's cookie")
                .anySatisfy(cookie -> assertThat(cookie).startsWith("ERLBANK_SESSION=;").contains("Expires=Thu, 01 Jan 1970"));
        var endSession = URI.create(location(logout));
        assertThat(endSession.toString()).startsWith(issuer.issuer() + "/connect/logout?");
        assertThat(query(endSession)).containsKey("id_token_hint")
                .containsEntry("post_logout_redirect_uri", base() + "/");
        assertProblem(browser.send(HttpRequest.newBuilder(http.uri("/accounts/10000001"))
                .header("Accept", "application/hal+json")), 401, "unauthorized");
        assertThat(json(browser.send(HttpRequest.newBuilder(http.uri("/")))).path("_links").propertyNames())
                .contains("login").doesNotContain("logout", "customer");
    }

    /**
     * An access token about to expire is renewed with the refresh token before it is relayed; when auth-server
     * refuses (the login ended there), the session here ends too; when it cannot be asked, a 503 problem.
     */
    @Test
    void anAccessTokenAboutToExpireIsRenewedBeforeItIsRelayedAndALoginEndedAtAuthServerEndsHere() {
        var browser = new Browser();
        var start = browser.navigate(http.uri("/oauth2/authorization/erlbank"));
        // Within Spring Security's clock skew (60 s) of its expiry: renewed before every relay.
        assertThat(callback(browser, query(URI.create(location(start))), "ada", accessToken("ada", ADA), 30)
                .statusCode()).isEqualTo(302);
        var renewed = accessToken("ada", ADA);
        authServer.stubFor(post(urlEqualTo("/oauth2/token")).withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"" + renewed + "\",\"token_type\":\"Bearer\",\"expires_in\":299}")));

        assertThat(browser.send(account()).statusCode()).isEqualTo(200);

        authServer.verify(postRequestedFor(urlEqualTo("/oauth2/token"))
                .withRequestBody(containing("refresh_token=a-refresh-token")));
        accountService.verify(getRequestedFor(urlPathEqualTo("/accounts/10000001"))
                .withHeader("Authorization", equalTo("Bearer " + renewed)));

        var another = new Browser();
        var again = another.navigate(http.uri("/oauth2/authorization/erlbank"));
        callback(another, query(URI.create(location(again))), "ada", accessToken("ada", ADA), 30);
        authServer.stubFor(post(urlEqualTo("/oauth2/token")).withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(aResponse().withStatus(503)));
        assertProblem(another.send(account()), 503, "login-unavailable");

        authServer.stubFor(post(urlEqualTo("/oauth2/token")).withRequestBody(containing("grant_type=refresh_token"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_grant\"}")));
        assertProblem(another.send(account()), 401, "unauthorized");
        assertProblem(another.send(account()), 401, "unauthorized");
        assertThat(json(another.send(HttpRequest.newBuilder(http.uri("/")))).path("_links").propertyNames())
                .as("the session ended").contains("login");
    }

    @Test
    void swaggerUiAuthorizesAtAuthServerWithPkceAndSendsTheCsrfTokenOfASession() {
        var initializer = http.get("/swagger-ui/swagger-initializer.js").body();

        assertThat(initializer).contains("\"clientId\":\"swagger-ui\"", "\"scopes\":\"erlbank\"",
                "\"usePkceWithAuthorizationCodeGrant\":true", "X-XSRF-TOKEN");
        assertThat(json(http.get("/v3/api-docs/swagger-config")).path("oauth2RedirectUrl").asString())
                .isEqualTo("http://localhost:8080/swagger-ui/oauth2-redirect.html");
    }

    // --- the login, step by step

    /** A browser logged in as Ada. */
    private Browser loggedIn() {
        var browser = new Browser();
        var start = browser.navigate(http.uri("/oauth2/authorization/erlbank"));
        var callback = callback(browser, query(URI.create(location(start))), "ada", accessToken("ada", ADA));
        assertThat(callback.statusCode()).isEqualTo(302);
        assertThat(location(callback)).doesNotContain("error");
        return browser;
    }

    /**
     * auth-server's part: the user logged in there, and it sends the browser back with a code, which the gateway
     * exchanges at the token endpoint (stubbed here) for an access token and an ID token with the request's nonce.
     */
    private HttpResponse<String> callback(Browser browser, Map<String, String> request, String username,
            String accessToken) {
        return callback(browser, request, username, accessToken, 299);
    }

    private HttpResponse<String> callback(Browser browser, Map<String, String> request, String username,
            String accessToken, int expiresIn) {
        var idToken = issuer.token(username).audience("erlbank-gateway").claim("azp", "erlbank-gateway")
                .claim("nonce", request.get("nonce")).sign();
        authServer.stubFor(post(urlEqualTo("/oauth2/token")).withRequestBody(containing("code=the-code"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\","
                                + "\"expires_in\":" + expiresIn + ",\"refresh_token\":\"a-refresh-token\","
                                + "\"scope\":\"openid profile erlbank\",\"id_token\":\"" + idToken + "\"}")));
        return browser.navigate(http.uri("/login/oauth2/code/erlbank?code=the-code&state="
                + encode(request.get("state"))));
    }

    /** An access token as auth-server issues for a login: a customer's when {@code customerId} is set, else a teller's. */
    private static String accessToken(String username, UUID customerId) {
        var token = issuer.token(username).claim("scope", List.of("openid", "profile", "erlbank"));
        return (customerId == null ? token.claim("roles", List.of("teller"))
                : token.claim("roles", List.of("customer")).claim("customer_id", customerId.toString())).sign();
    }

    private HttpRequest.Builder account() {
        return HttpRequest.newBuilder(http.uri("/accounts/10000001")).header("Accept", "application/hal+json");
    }

    private HttpRequest.Builder transfer() {
        return HttpRequest.newBuilder(http.uri("/accounts/10000001/transfers"))
                .header("Content-Type", "application/json").header("Accept", "application/hal+json")
                .POST(BodyPublishers.ofString("{\"to\":\"10000002\",\"amount\":\"1.00\"}"));
    }

    private JsonNode rootLinks(String token) {
        var root = http.send(HttpRequest.newBuilder(http.uri("/")).header("Authorization", "Bearer " + token));
        assertThat(root.statusCode()).as(root.body()).isEqualTo(200);
        assertThat(root.headers().allValues("Set-Cookie")).isEmpty();
        return json(root).path("_links");
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow(
                () -> new AssertionError("no Location in a " + response.statusCode()));
    }

    private static Map<String, String> query(URI uri) {
        var parameters = new LinkedHashMap<String, String>();
        for (var parameter : uri.getRawQuery().split("&")) {
            var pair = parameter.split("=", 2);
            parameters.put(URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                    pair.length == 2 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "");
        }
        return parameters;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
