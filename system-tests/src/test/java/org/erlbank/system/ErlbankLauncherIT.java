package org.erlbank.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.erlbank.system.Erlbank.within;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.erlbank.http.security.Caller;
import org.erlbank.http.security.ErlbankJwtDecoders;
import org.erlbank.http.security.ErlbankSecurityProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.hateoas.MediaTypes;
import org.springframework.security.oauth2.jwt.BadJwtException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The life of a running Erlbank, as a newcomer lives it: {@code ./erlbank up -d}, the README's walk,
 * {@code status}, a restart that keeps the data, and {@code down} leaving nothing behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErlbankLauncherIT extends DurabilityContract {

    /** One running system, shared by every test here: each start costs seconds on two cores. */
    private static final Erlbank erlbank = new Erlbank();
    /** Before anything here started: what a test finds in the system's temporary folder older than this is not ours. */
    private static final Instant CREATED = Instant.now().minusSeconds(1);

    ErlbankLauncherIT() {
        super(erlbank);
    }
    private static final List<String> SERVICES = List.of("auth-server", "customer-service", "account-service", "gateway");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @AfterAll
    static void stopEverything() {
        if (foreground != null) {
            foreground.process().descendants().forEach(ProcessHandle::destroy);
            foreground.process().destroy();
        }
        erlbank.run("down");
    }

    @Test
    @Order(1)
    void upReturnsOnceEveryServiceIsHealthy() {
        var up = erlbank.run("up", "-d");

        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.stdout()).contains("auth-server is healthy", "customer-service is healthy",
                "account-service is healthy", "gateway is healthy", "Erlbank is up", erlbank.gateway() + "/");
        assertThat(erlbank.get("http://127.0.0.1:" + erlbank.customerServiceManagementPort + "/actuator/health").body())
                .contains("\"UP\"");
        assertThat(erlbank.get(erlbank.customerService() + "/actuator/health").statusCode())
                .as("customer-service's actuator is on its management port only").isEqualTo(404);
        assertThat(erlbank.get("http://127.0.0.1:" + erlbank.accountServiceManagementPort + "/actuator/health").body())
                .contains("\"UP\"");
        assertThat(erlbank.get(erlbank.accountService() + "/actuator/health").statusCode())
                .as("account-service's actuator is on its management port only").isEqualTo(404);
        assertThat(erlbank.get("http://127.0.0.1:" + erlbank.authServerManagementPort + "/actuator/health").body())
                .contains("\"UP\"");
        assertThat(erlbank.get("http://127.0.0.1:" + erlbank.authServerPort + "/actuator/health").statusCode())
                .as("auth-server's actuator is on its management port only").isNotEqualTo(200);
        assertThat(up.stdout()).as("no start waits for the class data training").doesNotContain("Preparing a faster start");
        System.out.printf("[measured] ./erlbank up -d (jars built, C1 only) to healthy: %.1f s%n", up.took().toMillis() / 1000.0);
    }

    @Test
    @Order(2)
    void statusShowsEveryServiceUp() {
        var status = erlbank.run("status");

        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.stdout())
                .containsPattern("auth-server\\s+" + erlbank.authServerPort + "\\s+\\d+\\s+UP")
                .containsPattern("customer-service\\s+" + erlbank.customerServicePort + "\\s+\\d+\\s+UP")
                .containsPattern("account-service\\s+" + erlbank.accountServicePort + "\\s+\\d+\\s+UP")
                .containsPattern("gateway\\s+" + erlbank.gatewayPort + "\\s+\\d+\\s+UP");
    }

    @Test
    @Order(2)
    void everyServiceKeepsItsTemporaryFilesInTheRunFolderAndNoneInTheSystemsOwn() throws IOException {
        // Tomcat names its base folder after the port it serves (tomcat.<port>.<random>) and never deletes it: in the
        // system's temporary folder every start of a service left two behind.
        var servers = Map.of(
                "auth-server", List.of(erlbank.authServerPort, erlbank.authServerManagementPort),
                "customer-service", List.of(erlbank.customerServicePort, erlbank.customerServiceManagementPort),
                "account-service", List.of(erlbank.accountServicePort, erlbank.accountServiceManagementPort),
                "gateway", List.of(erlbank.gatewayPort));
        var systemTemporary = Path.of(System.getProperty("java.io.tmpdir"));
        var leftInSystemTemporary = namesIn(systemTemporary, CREATED);
        for (var service : servers.entrySet()) {
            for (int port : service.getValue()) {
                var tomcatFolder = "tomcat." + port + ".";
                assertThat(leftInSystemTemporary)
                        .as("what %s left in %s since the test began", service.getKey(), systemTemporary)
                        .noneMatch(name -> name.startsWith(tomcatFolder));
                assertThat(namesIn(erlbank.runDir.resolve("tmp").resolve(service.getKey()), Instant.EPOCH))
                        .as("%s's temporary folder in the run folder", service.getKey())
                        .anyMatch(name -> name.startsWith(tomcatFolder));
            }
        }
    }

    /** The names in a folder of what was changed since then. */
    private static List<String> namesIn(Path folder, Instant since) throws IOException {
        try (var entries = Files.list(folder)) {
            return entries.filter(entry -> {
                try {
                    return !Files.getLastModifiedTime(entry).toInstant().isBefore(since);
                } catch (IOException gone) {
                    return false;
                }
            }).map(entry -> entry.getFileName().toString()).toList();
        }
    }

    @Test
    @Order(3)
    void theReadmeWalkWorksAgainstTheRunningSystem() {
        var commands = ReadmeWalk.commands(Erlbank.ROOT.resolve("README.md"));
        var script = ReadmeWalk.script(commands, erlbank.readmeBaseUrls());

        var walk = erlbank.exec(List.of("bash", "-c", script));

        assertThat(walk.exitCode()).as("README walk:%n%s%n%s", walk.stdout(), walk.stderr()).isZero();
        assertThat(commands).filteredOn(command -> command.contains("# prints")).hasSizeGreaterThanOrEqualTo(18);
        assertThat(commands).noneSatisfy(command -> assertThat(command).containsPattern("localhost:808[12]"));
    }

    /**
     * A client that knows only the root, logged in as Ada, walks to her customer record, her accounts, an account's
     * statement, and makes a transfer through the account's HAL-FORMS template. Every link it meets leads to the
     * gateway.
     */
    @Test
    @Order(4)
    void aHalClientGetsEverywhereFromTheRootAloneAndEveryLinkLeadsToTheGateway() {
        var client = new HypermediaClient(erlbank.gateway() + "/", () -> erlbank.token(Erlbank.ADA));

        var ada = client.follow("customer", Map.of());
        assertThat(ada.path("givenName").asString()).isEqualTo("Ada");
        var accounts = client.get(ada.path("_links").path("accounts").path("href").asString(), MediaTypes.HAL_JSON);
        var account = client.get(accounts.path("_embedded").path("accounts").get(0).path("_links").path("self")
                .path("href").asString(), MediaTypes.HAL_FORMS_JSON);
        var statement = client.get(account.path("_links").path("statement").path("href").asString(), MediaTypes.HAL_JSON);
        assertThat(statement.path("ownerName").asString()).isEqualTo("Ada Lovelace");
        var balanceBefore = new BigDecimal(account.path("balance").path("amount").asString());
        // Grace's account: a customer transfers from her own accounts to any account.
        var to = "10000002";
        assertThat(account.path("number").asString()).isNotEqualTo(to);

        var transfer = client.submit(account.path("_templates").path("makeTransfer"),
                "{\"to\":\"" + to + "\",\"amount\":\"1.23\"}");

        assertThat(transfer.path("amount").path("amount").asString()).isEqualTo("1.23");
        var after = client.get(transfer.path("_links").path("from").path("href").asString(), MediaTypes.HAL_JSON);
        assertThat(new BigDecimal(after.path("balance").path("amount").asString()))
                .isEqualByComparingTo(balanceBefore.subtract(new BigDecimal("1.23")));
        assertThat(client.hrefsSeen()).hasSizeGreaterThan(15)
                .allSatisfy(href -> assertThat(href).startsWith(erlbank.gateway() + "/"));
    }

    /**
     * The customer API v1 and v2, through the gateway, on the same customer: v1 says it is deprecated and links its
     * successor; the successor, reached by that link or from the root, is the same customer; a change made through
     * v2 is seen by v1; and the gateway's Swagger UI lists both specs.
     */
    @Test
    @Order(5)
    void bothVersionsOfTheCustomerApiAnswerForTheSameCustomerAndV1PointsToV2() throws Exception {
        var gateway = erlbank.gateway();
        var root = JSON.readTree(erlbank.get(gateway + "/").body()).path("_links");
        assertThat(root.path("customers").path("deprecation").asString())
                .isEqualTo(gateway + "/docs/customer-api-v1-deprecation.html");
        var client = new HypermediaClient(gateway + "/", () -> erlbank.token(Erlbank.TELLER));
        var adaV2 = client.follow("customers-v2", Map.of("familyName", "Lovelace"),
                "$._embedded.customers[0]._links.self.href");
        assertThat(adaV2.path("name").path("familyName").asString()).isEqualTo("Lovelace");
        var v2Href = adaV2.path("_links").path("self").path("href").asString();
        var v1Href = adaV2.path("_links").path("predecessor-version").path("href").asString();
        assertThat(v2Href).startsWith(gateway + "/v2/customers/");
        assertThat(v1Href).isEqualTo(gateway + v2Href.substring(gateway.length() + "/v2".length()));

        var v1 = erlbank.get(v1Href);
        assertThat(v1.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(v1.body()).path("surname").asString()).isEqualTo("Lovelace");
        assertThat(v1.headers().firstValue("Deprecation")).hasValueSatisfying(value -> assertThat(value).matches("@\\d+"));
        assertThat(v1.headers().firstValue("Sunset")).hasValueSatisfying(value -> assertThat(value).endsWith(" GMT"));
        assertThat(v1.headers().allValues("Link")).contains("<" + v2Href + ">;rel=\"successor-version\"",
                "<" + gateway + "/docs/customer-api-v1-deprecation.html>;rel=\"deprecation\";type=\"text/html\"");
        assertThat(erlbank.get(gateway + "/docs/customer-api-v1-deprecation.html").statusCode()).isEqualTo(200);

        var v2 = erlbank.get(v2Href);
        assertThat(v2.headers().firstValue("ETag")).isEqualTo(v1.headers().firstValue("ETag"));
        assertThat(v2.headers().firstValue("Deprecation")).isEmpty();

        // A customer registered through v2 is there in v1; a change through v2 is seen by v1.
        var registered = erlbank.send(HttpRequest.newBuilder(URI.create(gateway + "/v2/customers"))
                .header("Content-Type", "application/json").header("Accept", "application/hal+json")
                .POST(HttpRequest.BodyPublishers.ofString(HOPPER.formatted("Grace", "Arlington"))).build());
        assertThat(registered.statusCode()).isEqualTo(201);
        var hopperV2 = JSON.readTree(registered.body()).path("_links").path("self").path("href").asString();
        var hopperV1 = JSON.readTree(registered.body()).path("_links").path("predecessor-version").path("href")
                .asString();
        var moved = erlbank.send(HttpRequest.newBuilder(URI.create(hopperV2))
                .header("Content-Type", "application/json").header("Accept", "application/hal+json")
                .header("If-Match", registered.headers().firstValue("ETag").orElseThrow())
                .PUT(HttpRequest.BodyPublishers.ofString(HOPPER.formatted("Grace Brewster", "New York"))).build());
        assertThat(moved.statusCode()).isEqualTo(200);
        var hopperInV1 = erlbank.get(hopperV1);
        assertThat(JSON.readTree(hopperInV1.body()).path("givenName").asString()).isEqualTo("Grace Brewster");
        assertThat(hopperInV1.headers().firstValue("ETag")).isEqualTo(moved.headers().firstValue("ETag"));
        assertThat(JSON.readTree(erlbank.get(hopperV2).body()).path("postalAddress").path("city").asString())
                .isEqualTo("New York");

        var swagger = JSON.readTree(erlbank.get(gateway + "/v3/api-docs/swagger-config").body());
        assertThat(swagger.path("urls").findValuesAsString("url")).contains("/api-specs/customer-api-v1.yaml",
                "/api-specs/customer-api-v2.yaml", "/api-specs/account-api-v1.yaml");
        // Served as written, except that the OAuth2 flows name the auth-server that runs (here on a random port).
        for (var spec : List.of("customer-api-v1", "customer-api-v2", "account-api-v1", "customer-feed-api-v1")) {
            assertThat(erlbank.get(gateway + "/api-specs/" + spec + ".yaml").body()).as(spec)
                    .isEqualTo(readSpec(spec).replace("http://localhost:9000/oauth2/",
                            erlbank.authServer() + "/oauth2/"))
                    .contains("authorizationUrl: " + erlbank.authServer() + "/oauth2/authorize");
        }
        assertThat(client.hrefsSeen()).allSatisfy(href -> assertThat(href).startsWith(gateway + "/"));

        // The feed, through the gateway, from its first page to its head: the registration and the change above are
        // its newest events, and every link leads to the gateway.
        var feed = new HypermediaClient(gateway + "/", () -> erlbank.token(Erlbank.TELLER));
        var entry = feed.follow("customer-feed", Map.of());
        var page = feed.get(entry.path("_links").path("first").path("href").asString(), MediaTypes.HAL_JSON);
        var events = new java.util.ArrayList<tools.jackson.databind.JsonNode>();
        page.path("events").forEach(events::add);
        while (page.path("_links").has("next")) {
            page = feed.get(page.path("_links").path("next").path("href").asString(), MediaTypes.HAL_JSON);
            page.path("events").forEach(events::add);
        }
        var hopperId = hopperV2.substring(hopperV2.lastIndexOf('/') + 1);
        assertThat(events.subList(events.size() - 3, events.size())).extracting(event ->
                event.path("customerId").asString() + " " + event.path("type").asString())
                .containsExactly(hopperId + " customer-registered", hopperId + " customer-renamed",
                        hopperId + " customer-moved");
        assertThat(events.get(events.size() - 1).path("customer").path("postalAddress").path("city").asString())
                .isEqualTo("New York");
        assertThat(feed.hrefsSeen()).allSatisfy(href -> assertThat(href).startsWith(gateway + "/"));

        // account-service, which stays on v1, heard it too: once, however many statements asked for a name.
        assertThat(erlbank.get(gateway + "/accounts/10000001/statement").statusCode()).isEqualTo(200);
        assertThat(erlbank.get(gateway + "/accounts/10000002/statement").statusCode()).isEqualTo(200);
        assertThat(Files.readAllLines(erlbank.runDir.resolve("account-service.log")))
                .filteredOn(line -> line.contains("WARN") && line.contains("customer API account-service uses is deprecated"))
                .hasSize(1).allSatisfy(line -> assertThat(line).contains("rel=\"successor-version\""));
    }

    private static final String HOPPER = """
            {"name":{"givenName":"%s","familyName":"Hopper"},
             "postalAddress":{"street":"1 Main Street","postalCode":"10001","city":"%s","country":"US"}}""";

    private static String readSpec(String name) {
        try {
            return Files.readString(Path.of("../api-specs/" + name + ".yaml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(6)
    void forwardedHeadersAClientMakesUpNeverReachALink() {
        var spoofed = erlbank.send(HttpRequest.newBuilder(URI.create(erlbank.gateway() + "/accounts/10000001"))
                .header("Accept", "application/prs.hal-forms+json")
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", "6666")
                .header("X-Forwarded-Prefix", "/evil")
                .header("Forwarded", "host=evil.example;proto=https")
                .build());

        assertThat(spoofed.statusCode()).isEqualTo(200);
        var hrefs = JSON.readTree(spoofed.body()).findValuesAsString("href");
        assertThat(hrefs).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(href -> assertThat(href).startsWith(erlbank.gateway() + "/"));
        assertThat(spoofed.body()).doesNotContain("evil", "6666", "https:");
    }

    /**
     * Every port of every service, management ports included, listens on loopback only: the kernel's own table of
     * listening sockets says so on any machine, and where the machine has another address, a connection to it is
     * refused.
     */
    @Test
    @Order(7)
    void onlyLoopbackReachesTheServicesAndTheGateway() throws Exception {
        var ports = List.of(erlbank.customerServicePort, erlbank.customerServiceManagementPort,
                erlbank.accountServicePort, erlbank.accountServiceManagementPort, erlbank.gatewayPort,
                erlbank.authServerPort, erlbank.authServerManagementPort);
        var listening = ListeningSockets.read();
        for (var port : ports) {
            assertThat(Erlbank.isListening(port)).as("port %d on loopback", port).isTrue();
            assertThat(listening.addressesOf(port)).as("where port %d listens", port).isNotEmpty()
                    .allSatisfy(address -> assertThat(address.isLoopbackAddress())
                            .as("port %d listens on %s", port, address.getHostAddress()).isTrue());
        }
        var outside = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(networkInterface -> java.util.Collections.list(networkInterface.getInetAddresses()).stream())
                .filter(address -> !address.isLoopbackAddress() && address instanceof java.net.Inet4Address)
                .findFirst();
        if (outside.isPresent()) {
            for (var port : ports) {
                try (var socket = new java.net.Socket()) {
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> socket.connect(
                            new java.net.InetSocketAddress(outside.get(), port), 2_000))
                            .as("port %d on %s", port, outside.get()).isInstanceOf(java.io.IOException.class);
                }
            }
        }
    }

    /**
     * People in a real browser, at the gateway: without a login the HAL Explorer shows the root's login and nothing
     * of the bank; Ada logs in (auth-server's form, a new session id), opens her account and makes a transfer
     * through its HAL-FORMS template; a write without the CSRF token is refused; she logs out. The teller logs in
     * and registers a customer. Swagger UI offers every API and its Authorize.
     */
    @Test
    @Order(8)
    void peopleLogInAtTheGatewayAndUseTheHalExplorerInARealBrowser() throws Exception {
        Browser.assumeInstalled();
        var gateway = erlbank.gateway();
        var anonymous = Path.of("target/hal-explorer-anonymous.png");
        var transferred = Path.of("target/hal-explorer-transfer.png");
        var submitted = Path.of("target/hal-explorer-registered.png");
        var followedV2 = Path.of("target/hal-explorer-v2.png");
        var swaggerUi = Path.of("target/swagger-ui.png");
        var balanceBefore = balanceOf("10000001");

        try (var browser = Browser.start()) {
            var page = browser.open(gateway + "/explorer");
            page.waitUntilTextAppears("login");
            assertThat(page.cookie("ERLBANK_SESSION")).as("no session before a login is asked for").isEmpty();
            page.screenshot(anonymous);
            assertThat(page.fetchStatus("GET", gateway + "/accounts/10000001", null)).isIn(302L, 401L, 0L);

            page.logIn(gateway, "ada", "ada-password");
            var adasSession = page.cookie("ERLBANK_SESSION");
            assertThat(adasSession).as("a session once logged in").isPresent();
            page.open(gateway + "/explorer");
            page.followLink("accounts");
            page.waitUntilTextAppears("10000001");
            page.open(gateway + "/webjars/hal-explorer/2.3.0/index.html#uri=" + gateway + "/accounts/10000001");
            page.submitTemplate("makeTransfer", "POST", Map.of("to", "10000002", "amount", "1.00"));
            page.waitUntilTextAppears("201 (Created)");
            page.screenshot(transferred);
            assertThat(balanceOf("10000001")).isEqualByComparingTo(balanceBefore.subtract(BigDecimal.ONE));
            // The same write from the page, but without the CSRF token the explorer sends: refused, nothing moved.
            assertThat(page.fetchStatus("POST", gateway + "/accounts/10000001/transfers",
                    "{\"to\":\"10000002\",\"amount\":\"1.00\"}")).isEqualTo(403L);
            assertThat(balanceOf("10000001")).isEqualByComparingTo(balanceBefore.subtract(BigDecimal.ONE));

            page.logOut(gateway);
            page.waitUntilUrlContains(gateway);
            assertThat(page.cookie("ERLBANK_SESSION")).isNotEqualTo(adasSession);
            assertThat(page.fetchStatus("GET", gateway + "/accounts/10000001", null)).as("logged out")
                    .isNotEqualTo(200L);

            page.logIn(gateway, "teller", "teller-password");
            assertThat(page.cookie("ERLBANK_SESSION")).isPresent().isNotEqualTo(adasSession);
            page.open(gateway + "/explorer");
            page.followLink("customers");
            page.waitUntilUrlContains("uri=" + gateway + "/customers");
            page.waitUntilTextAppears("Lovelace");
            page.submitTemplate("registerCustomer", "POST", Map.of("givenName", "Hedy", "surname", "Lamarr"));
            // The explorer's response status, and the body of the registration it shows (not a "201" anywhere).
            page.waitUntilTextAppears("201 (Created)");
            page.waitUntilTextAppears("\"Lamarr\"");
            page.screenshot(submitted);

            // The root reaches the customer API v2 just as well.
            page.open(gateway + "/explorer");
            page.followLink("customers-v2");
            page.waitUntilUrlContains("uri=" + gateway + "/v2/customers");
            page.waitUntilTextAppears("familyName");
            page.screenshot(followedV2);

            // Swagger UI at the gateway offers every version, opens on the customer API v2, and can authorize.
            page.open(gateway + "/swagger-ui.html");
            page.waitUntilTextAppears("Customer API v1 (deprecated)");
            page.waitUntilTextAppears("Account API v1");
            page.waitUntilTextAppears("/v2/customers/{customerId}");
            page.waitUntilTextAppears("Authorize");
            page.screenshot(swaggerUi);
        }

        assertThat(List.of(anonymous, transferred, submitted, followedV2, swaggerUi))
                .allSatisfy(file -> assertThat(file).exists().isNotEmptyFile());
        var lamarr = JSON.readTree(erlbank.get(gateway + "/customers?surname=Lamarr").body());
        assertThat(lamarr.path("_embedded").path("customers").findValuesAsString("givenName")).containsExactly("Hedy");
    }

    /**
     * Swagger UI at the gateway, in a browser with no session at the gateway: a request tried out before Authorize is
     * refused; Authorize sends Ada to the auth-server that runs (the specs name it wherever it is, here on a random
     * port), with PKCE, and back; from then on Swagger UI's requests carry her token, and the service answers as it
     * answers her anywhere else: her record, and another customer's as one that does not exist.
     */
    @Test
    @Order(8)
    void swaggerUiAuthorizesAtAuthServerWithPkceAndTriesRequestsAsTheUserLoggedIn() throws Exception {
        Browser.assumeInstalled();
        var gateway = erlbank.gateway();
        var ada = Map.of("customerId", "c0000000-0000-4000-8000-000000000001");
        var grace = Map.of("customerId", "c0000000-0000-4000-8000-000000000002");
        var authorized = Path.of("target/swagger-ui-authorized.png");

        try (var browser = Browser.start()) {
            browser.open(gateway + "/swagger-ui.html");
            browser.waitUntilTextAppears("/v2/customers/{customerId}");
            assertThat(browser.tryOutInSwaggerUi("customers", "getCustomer", ada).status()).isEqualTo(401);

            browser.authorizeInSwaggerUi("ada", "ada-password");
            var hers = browser.tryOutInSwaggerUi("customers", "getCustomer", ada);
            browser.screenshot(authorized);
            var another = browser.tryOutInSwaggerUi("customers", "getCustomer", grace);

            assertThat(hers.status()).as(hers.body()).isEqualTo(200);
            assertThat(hers.body()).contains("\"familyName\": \"Lovelace\"");
            assertThat(another.status()).as(another.body()).isEqualTo(404);
            assertThat(another.body()).containsPattern("problems/[a-z-]*not-found").doesNotContain("Hopper");
            assertThat(browser.cookie("ERLBANK_SESSION")).as("her token, not a session at the gateway").isEmpty();
        }
        assertThat(authorized).exists().isNotEmptyFile();
    }

    private BigDecimal balanceOf(String account) {
        return new BigDecimal(JSON.readTree(erlbank.get(erlbank.gateway() + "/accounts/" + account).body())
                .path("balance").path("amount").asString());
    }

    /**
     * Every request of the hostile corpus, sent to each service directly and through the gateway, is answered with a
     * 4xx problem (never a 5xx, never an HTML page), and none of them changes anything. The corpus is the hand-written
     * one ({@link HostileRequests}: media types, methods, sizes) and the one generated from the specs
     * ({@link SpecHostileCorpus}), with a fixed seed and a random one, printed so that a failure can be replayed with
     * {@code -Dhostile.seed=...}.
     */
    @Test
    @Order(9)
    void everyHostileRequestGetsAProblemAndChangesNothing() throws Exception {
        var before = books();
        var targets = Map.of(
                "customer-service", HostileRequests.againstCustomers(erlbank.customerService()),
                "account-service", HostileRequests.againstAccounts(erlbank.accountService()),
                "gateway (customers)", HostileRequests.againstCustomers(erlbank.gateway()),
                "gateway (accounts)", HostileRequests.againstAccounts(erlbank.gateway()),
                "customer-service (v2)", HostileRequests.againstCustomersV2(erlbank.customerService()),
                "gateway (customers v2)", HostileRequests.againstCustomersV2(erlbank.gateway()),
                "customer-service (feed)", HostileRequests.againstCustomerFeed(erlbank.customerService()),
                "gateway (feed)", HostileRequests.againstCustomerFeed(erlbank.gateway()));
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var wrong = new java.util.ArrayList<String>();
        int sent = 0;

        for (var target : targets.entrySet()) {
            for (var hostile : target.getValue()) {
                sent++;
                var request = hostile.request().timeout(java.time.Duration.ofSeconds(20)).build();
                // With the token of a caller who may do what the request means to do: what is hostile is the rest.
                request = HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization",
                        "Bearer " + erlbank.token(whoMaySend(request.method(), request.uri().getPath()))).build();
                var response = client.send(request, HttpResponse.BodyHandlers.ofString());
                var type = response.headers().firstValue("Content-Type").orElse("");
                checkHostileAnswer(target.getKey() + ": " + hostile.name(), response.statusCode(), type,
                        response.body(), wrong);
            }
        }
        System.out.printf("[measured] hostile corpus, hand-written: %d requests%n", sent);

        var seeds = List.of(SpecHostileCorpus.FIXED_SEED,
                Long.getLong("hostile.seed", new java.security.SecureRandom().nextLong()));
        var specs = new java.util.ArrayList<String>();
        SpecHostileCorpus.SPECS_OF.values().forEach(specs::addAll);
        var bases = new java.util.LinkedHashMap<String, String>();
        bases.put("customer-service", erlbank.customerService());
        bases.put("account-service", erlbank.accountService());
        bases.put("gateway", erlbank.gateway());
        for (long seed : seeds) {
            var counts = new java.util.LinkedHashMap<String, Integer>();
            for (var target : bases.entrySet()) {
                var requests = SpecHostileCorpus.forSpecs(target.getKey().equals("gateway") ? specs
                        : SpecHostileCorpus.SPECS_OF.get(target.getKey()), seed);
                counts.put(target.getKey(), requests.size());
                for (var hostile : requests) {
                    sent++;
                    var response = RawHttp.send(target.getValue(), hostile.withHeader("Authorization",
                            "Bearer " + erlbank.token(whoMaySend(hostile.method(), hostile.target()))),
                            java.time.Duration.ofSeconds(20));
                    checkHostileAnswer(target.getKey() + " (seed " + seed + "): " + hostile.name(), response.status(),
                            response.contentType(), response.body(), wrong);
                }
            }
            System.out.printf("[measured] hostile corpus generated from the specs, seed=%d: %s, %d requests%n", seed,
                    counts, counts.values().stream().mapToInt(Integer::intValue).sum());
        }

        System.out.printf("[measured] hostile corpus: %d requests, %d answered otherwise than a 4xx problem%n", sent,
                wrong.size());
        assertThat(wrong).as("requests not answered with a 4xx problem (replay with -Dhostile.seed=<seed>)")
                .isEmpty();
        assertThat(books()).as("nothing changed").isEqualTo(before);
    }

    /**
     * Who may send a request like this one: a transfer is Ada's (the corpus moves money from her account 10000001),
     * everything else is the teller's. So a hostile request is refused for what is wrong with it, not for lack of a
     * credential.
     */
    private static String whoMaySend(String method, String path) {
        return method.equals("POST") && path.matches("(/v2)?/accounts/[^/?]*/transfers.*") ? Erlbank.ADA
                : Erlbank.TELLER;
    }

    /**
     * Hostile credentials, through the gateway and directly at each service, on a read and on writes: each is
     * answered {@code 401} with a bearer challenge and a problem, and nothing changes. A valid token of a service
     * (client credentials) on a customer's operation is refused too: {@code 403}, it is a caller that may not.
     */
    @Test
    @Order(10)
    void hostileCredentialsAreRefusedByTheGatewayAndByEveryServiceAndChangeNothing() throws Exception {
        var before = books();
        var realKeys = erlbank.getAnonymously("http://127.0.0.1:" + erlbank.authServerPort + "/oauth2/jwks").body();
        var wrong = new java.util.ArrayList<String>();
        int sent = 0;
        try (var attacker = org.erlbank.testing.security.TestIssuer.start()) {
            var credentials = HostileCredentials.all(attacker, erlbank.authServer(), realKeys,
                    erlbank.token(Erlbank.ADA));
            var transfer = "{\"to\":\"10000002\",\"amount\":\"1.00\"}";
            var registration = "{\"givenName\":\"Mallory\",\"surname\":\"Intruder\"}";
            for (var base : List.of(erlbank.gateway(), erlbank.customerService(), erlbank.accountService())) {
                var requests = new java.util.LinkedHashMap<String, HttpRequest.Builder>();
                if (!base.equals(erlbank.customerService())) {
                    requests.put("GET /accounts/10000001", HttpRequest.newBuilder(URI.create(base + "/accounts/10000001")));
                    requests.put("POST /accounts/10000001/transfers", HttpRequest.newBuilder(
                            URI.create(base + "/accounts/10000001/transfers")).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(transfer)));
                }
                if (!base.equals(erlbank.accountService())) {
                    requests.put("GET /customers/ada", HttpRequest.newBuilder(
                            URI.create(base + "/customers/" + HostileRequests.ADA)));
                    requests.put("POST /customers", HttpRequest.newBuilder(URI.create(base + "/customers"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(registration)));
                    requests.put("GET /customer-feed", HttpRequest.newBuilder(URI.create(base + "/customer-feed")));
                }
                for (var credential : credentials.entrySet()) {
                    for (var request : requests.entrySet()) {
                        var builder = request.getValue().copy().header("Accept", "application/hal+json")
                                .timeout(java.time.Duration.ofSeconds(10));
                        if (credential.getValue() != null) {
                            builder.header("Authorization", credential.getValue());
                        }
                        sent++;
                        var answer = erlbank.sendAnonymously(builder.build());
                        var name = base + " " + request.getKey() + " with " + credential.getKey();
                        var challenge = answer.headers().firstValue("WWW-Authenticate").orElse("");
                        if (answer.statusCode() != 401 || !challenge.startsWith("Bearer")) {
                            wrong.add(name + " -> " + answer.statusCode() + " " + challenge + " " + answer.body());
                        } else {
                            checkHostileAnswer(name, answer.statusCode(),
                                    answer.headers().firstValue("Content-Type").orElse(""), answer.body(), wrong);
                        }
                    }
                }
            }
            System.out.printf("[measured] hostile credentials: %d kinds, %d requests, %d not refused with a 401"
                    + " problem%n", credentials.size(), sent, wrong.size());
        }

        // A service's own token (client credentials, its scopes) is a valid token, not a customer's.
        var serviceToken = clientCredentialsToken("customers.read customers.feed");
        for (var base : List.of(erlbank.gateway(), erlbank.accountService())) {
            var moved = erlbank.sendAnonymously(HttpRequest.newBuilder(URI.create(base + "/accounts/10000001/transfers"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + serviceToken)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"10000002\",\"amount\":\"1.00\"}"))
                    .build());
            assertThat(moved.statusCode()).as("%s: a service moving Ada's money: %s", base, moved.body())
                    .isEqualTo(403);
            assertThat(moved.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
        var registered = erlbank.sendAnonymously(HttpRequest.newBuilder(URI.create(erlbank.customerService()
                + "/customers")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + serviceToken)
                .POST(HttpRequest.BodyPublishers.ofString("{\"givenName\":\"Mallory\",\"surname\":\"Service\"}"))
                .build());
        assertThat(registered.statusCode()).as("a service registering a customer: %s", registered.body())
                .isEqualTo(403);

        assertThat(wrong).as("hostile credentials not refused with a 401 problem").isEmpty();
        assertThat(books()).as("nothing changed").isEqualTo(before);
    }

    /** A token of account-service's own, from auth-server's token endpoint (client credentials). */
    private String clientCredentialsToken(String scopes) {
        var answer = erlbank.sendAnonymously(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + erlbank.authServerPort + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "account-service:account-service-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + java.net.URLEncoder.encode(scopes, java.nio.charset.StandardCharsets.UTF_8)))
                .build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("access_token").asString();
    }

    /**
     * An {@code Idempotency-Key} belongs to its caller: Ada and Grace send the same key, each for a transfer from her
     * own account, and both are booked; Grace, replaying Ada's key with Ada's very request, gets no stored answer of
     * Ada's: the account is not hers (404), and nothing is booked.
     */
    @Test
    @Order(11)
    void anIdempotencyKeyBelongsToItsCaller() {
        var key = java.util.UUID.randomUUID().toString();
        java.util.function.Function<String, HttpRequest> transferFrom = account -> HttpRequest.newBuilder(
                URI.create(erlbank.gateway() + "/accounts/" + account + "/transfers"))
                .header("Content-Type", "application/json").header("Accept", "application/hal+json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"10000003\",\"amount\":\"2.00\"}")).build();
        var transfersOf3 = transfersOf("10000003");

        var byAda = erlbank.sendAs(Erlbank.ADA, transferFrom.apply("10000001"));
        var byGrace = erlbank.sendAs("grace", transferFrom.apply("10000002"));
        var graceWithAdasRequest = erlbank.sendAs("grace", transferFrom.apply("10000001"));
        var adaAgain = erlbank.sendAs(Erlbank.ADA, transferFrom.apply("10000001"));

        assertThat(byAda.statusCode()).as(byAda.body()).isEqualTo(201);
        assertThat(byGrace.statusCode()).as(byGrace.body()).isEqualTo(201);
        assertThat(byGrace.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(byGrace.headers().firstValue("Location")).isNotEqualTo(byAda.headers().firstValue("Location"));
        assertThat(graceWithAdasRequest.statusCode()).as(graceWithAdasRequest.body()).isEqualTo(404);
        assertThat(graceWithAdasRequest.body()).doesNotContain(byAda.headers().firstValue("Location").orElseThrow());
        assertThat(adaAgain.statusCode()).isEqualTo(201);
        assertThat(adaAgain.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(adaAgain.body()).isEqualTo(byAda.body());
        assertThat(transfersOf("10000003")).as("two transfers booked, no more").isEqualTo(transfersOf3 + 2);
    }

    /**
     * Hypermedia shows what the caller may do, and what it does not show is refused: the root and the resources as
     * nobody, as Ada and as the teller. (That every template offered is accepted, the walks above and the browser
     * show: Ada's makeTransfer, the teller's registerCustomer.)
     */
    @Test
    @Order(12)
    void eachCallerIsOfferedWhatSheMayDoAndRefusedWhatSheIsNotOffered() {
        var gateway = erlbank.gateway();
        var anonymous = JSON.readTree(erlbank.getAnonymously(gateway + "/").body()).path("_links");
        assertThat(anonymous.has("login")).as("%s", anonymous).isTrue();
        assertThat(anonymous.has("customers") || anonymous.has("accounts") || anonymous.has("customer"))
                .as("%s", anonymous).isFalse();

        var adasRoot = JSON.readTree(erlbank.getAs(Erlbank.ADA, gateway + "/").body()).path("_links");
        assertThat(adasRoot.path("customer").path("href").asString()).isEqualTo(gateway + "/customers/"
                + HostileRequests.ADA);
        assertThat(adasRoot.has("accounts")).isTrue();
        assertThat(adasRoot.has("customers") || adasRoot.has("customer-feed") || adasRoot.has("login"))
                .as("%s", adasRoot).isFalse();
        var tellersRoot = JSON.readTree(erlbank.getAs(Erlbank.TELLER, gateway + "/").body()).path("_links");
        assertThat(tellersRoot.has("customers") && tellersRoot.has("accounts") && tellersRoot.has("customer-feed"))
                .as("%s", tellersRoot).isTrue();

        // Ada: her own account offers the transfer; another's is not there at all; the teller's templates are not hers.
        assertThat(templatesOf(Erlbank.ADA, gateway + "/accounts/10000001")).contains("makeTransfer");
        assertThat(erlbank.getAs(Erlbank.ADA, gateway + "/accounts/10000002").statusCode()).isEqualTo(404);
        assertThat(erlbank.getAs(Erlbank.ADA, gateway + "/customers/c0000000-0000-4000-8000-000000000002")
                .statusCode()).isEqualTo(404);
        assertThat(templatesOf(Erlbank.ADA, gateway + "/accounts")).doesNotContain("openAccount");
        assertThat(templatesOf(Erlbank.ADA, gateway + "/customers")).doesNotContain("registerCustomer");
        assertThat(post(Erlbank.ADA, gateway + "/accounts", "{\"owner\":\"" + HostileRequests.ADA + "\"}"))
                .isEqualTo(403);
        assertThat(post(Erlbank.ADA, gateway + "/customers", "{\"givenName\":\"Ada\",\"surname\":\"Twice\"}"))
                .isEqualTo(403);
        assertThat(post(Erlbank.ADA, gateway + "/accounts/10000002/transfers",
                "{\"to\":\"10000001\",\"amount\":\"1.00\"}")).as("from Grace's account").isEqualTo(404);

        // The teller: registers and opens, moves no money.
        assertThat(templatesOf(Erlbank.TELLER, gateway + "/customers")).contains("registerCustomer");
        assertThat(templatesOf(Erlbank.TELLER, gateway + "/accounts")).contains("openAccount");
        assertThat(templatesOf(Erlbank.TELLER, gateway + "/accounts/10000001")).doesNotContain("makeTransfer");
        assertThat(post(Erlbank.TELLER, gateway + "/accounts/10000001/transfers",
                "{\"to\":\"10000002\",\"amount\":\"1.00\"}")).isEqualTo(403);
    }

    private java.util.List<String> templatesOf(String user, String uri) {
        var answer = erlbank.sendAs(user, HttpRequest.newBuilder(URI.create(uri))
                .header("Accept", "application/prs.hal-forms+json").build());
        assertThat(answer.statusCode()).as("%s as %s: %s", uri, user, answer.body()).isEqualTo(200);
        var names = new java.util.ArrayList<String>();
        JSON.readTree(answer.body()).path("_templates").propertyNames().forEach(names::add);
        return names;
    }

    private int post(String user, String uri, String json) {
        return erlbank.sendAs(user, HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build()).statusCode();
    }

    private long transfersOf(String account) {
        return JSON.readTree(erlbank.get(erlbank.gateway() + "/accounts/" + account + "/transfers?size=1").body())
                .path("page").path("totalElements").asLong();
    }

    /** A 4xx problem with an Erlbank type, or a line for the report of what was answered otherwise. */
    private static void checkHostileAnswer(String name, int status, String contentType, String body,
            List<String> wrong) {
        var problemType = contentType.startsWith("application/problem+json")
                ? JSON.readTree(body).path("type").asString() : "";
        if (status < 400 || status >= 500 || !problemType.startsWith("https://erlbank.example/problems/")) {
            wrong.add(name + " -> " + status + " " + contentType + " " + body.substring(0, Math.min(200,
                    body.length())));
        }
    }

    /** Everything a hostile request might have changed: customers, accounts, balances and transfers. */
    private Map<String, String> books() {
        var books = new java.util.TreeMap<String, String>();
        books.put("customers", JSON.readTree(erlbank.get(erlbank.gateway() + "/customers?size=1").body())
                .path("page").path("totalElements").asString());
        books.put("ada", erlbank.get(erlbank.gateway() + "/customers/" + HostileRequests.ADA).body());
        books.put("ada in v2", erlbank.get(erlbank.gateway() + "/v2/customers/" + HostileRequests.ADA).body());
        books.put("feed", JSON.readTree(erlbank.get(erlbank.gateway() + "/customer-feed").body()).path("lastPosition")
                .asString());
        var accounts = JSON.readTree(erlbank.get(erlbank.gateway() + "/accounts?size=100").body());
        books.put("accounts", accounts.path("page").path("totalElements").asString());
        accounts.path("_embedded").path("accounts").forEach(account -> {
            var number = account.path("number").asString();
            books.put(number, account.path("balance").path("amount").asString() + " / " + JSON.readTree(
                    erlbank.get(erlbank.gateway() + "/accounts/" + number + "/transfers?size=1").body())
                    .path("page").path("totalElements").asString() + " transfers");
        });
        return books;
    }

    /** The demos' faults, told to customer-service through ./erlbank, felt through the gateway. */
    @Test
    @Order(13)
    void injectsFaultsIntoCustomerServiceThroughTheLauncher() {
        try {
            assertThat(erlbank.run("fault", "customer-service", "delay", "300").stdout()).contains("delay 300 ms");
            long start = System.nanoTime();
            assertThat(erlbank.get(erlbank.gateway() + "/customers?size=1").statusCode()).isEqualTo(200);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
                    .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(300));

            assertThat(erlbank.run("fault", "customer-service", "error", "100").exitCode()).isZero();
            assertThat(erlbank.get(erlbank.gateway() + "/customers?size=1").statusCode()).isEqualTo(500);
            var statement = JSON.readTree(erlbank.get(erlbank.gateway() + "/accounts/10000001/statement").body());
            assertThat(statement.path("degraded").asBoolean()).as("statements degrade, they do not fail").isTrue();

            assertThat(erlbank.run("fault", "customer-service", "clear").stdout()).contains("none");
            assertThat(erlbank.get(erlbank.gateway() + "/customers?size=1").statusCode()).isEqualTo(200);

            var wrong = erlbank.run("fault", "customer-service", "delay", "soon");
            assertThat(wrong.exitCode()).isNotZero();
            assertThat(wrong.stderr()).contains("delay needs a number");
            assertThat(erlbank.run("fault", "gateway", "hang").exitCode()).isNotZero();
        } finally {
            erlbank.run("fault", "customer-service", "clear");
        }
    }

    /** One request, one W3C trace: the gateway's, account-service's and customer-service's log lines and the problem. */
    @Test
    @Order(14)
    void aTraceIdFollowsARequestThroughEveryServiceIntoLogsAndProblems() throws Exception {
        var traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var traced = HttpRequest.newBuilder(URI.create(erlbank.gateway() + "/accounts/10000001/statement"))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").build();
        assertThat(erlbank.send(traced).statusCode()).isEqualTo(200);

        var problem = JSON.readTree(erlbank.get(erlbank.gateway() + "/accounts/99999999").body());
        var problemTrace = problem.path("traceId").asString();
        assertThat(problemTrace).matches("[0-9a-f]{32}");

        // A service logs a request once it has answered it: the line may land a moment after the answer.
        within(java.time.Duration.ofSeconds(5), () -> {
            for (var service : List.of("gateway", "account-service", "customer-service")) {
                assertThat(logLinesOf(service, traceId)).as(service + "'s log lines for the statement")
                        .anySatisfy(line -> assertThat(line).contains("GET /"));
            }
            assertThat(logLinesOf("gateway", problemTrace)).as("the gateway's line for the problem").anySatisfy(
                    line -> assertThat(line).contains("GET /accounts/99999999 404"));
            assertThat(logLinesOf("account-service", problemTrace)).as("account-service's line for the problem")
                    .anySatisfy(line -> assertThat(line).contains("GET /accounts/99999999 404"));
        });
    }

    /** Breaker, bulkhead and retry, in Prometheus' format, on account-service's management port only. */
    @Test
    @Order(15)
    void accountServicePublishesItsGuardsMetricsForPrometheus() {
        var metrics = erlbank.get("http://127.0.0.1:" + erlbank.accountServiceManagementPort + "/actuator/prometheus");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(metrics.body()).contains(
                "resilience4j_circuitbreaker_state{name=\"customer-service\",state=\"closed\"}",
                "resilience4j_bulkhead_available_concurrent_calls{name=\"customer-service\"}",
                "resilience4j_retry_calls_total{kind=\"successful_without_retry\",name=\"customer-service\"}",
                "erlbank_replica_position ", "erlbank_replica_age_seconds ");
        // The gateway's own metrics are for Prometheus' token only (scope metrics), not a teller's.
        assertThat(erlbank.get(erlbank.gateway() + "/actuator/prometheus").statusCode()).isEqualTo(403);
    }

    /**
     * The cascading-failure demo, shortened: the cascade shows unprotected, plain reads do not fail protected, a
     * report is written, statements are answered (degraded) while auth-server hangs, and the system is left as the
     * demo found it (here: running, protection off, no fault, auth-server answering).
     */
    @Test
    @Order(16)
    void theCascadeDemoShowsTheCascadeAndLeavesTheSystemAsItFoundIt() throws Exception {
        try {
            assertThat(erlbank.run("protection", "off").stdout()).contains("protection off");

            var demo = erlbank.with("ERLBANK_DEMO_OPTS", "-Ddemo.warm-up=4 -Ddemo.baseline=6 -Ddemo.fault=14"
                    + " -Ddemo.recovery=6 -Ddemo.probe-window=4 -Ddemo.switchover=10 -Ddemo.auth-server-hang=8")
                    .run("demo", "cascade");

            assertThat(demo.exitCode()).as(demo.output()).isZero();
            var table = CascadeTable.of(demo.stdout());
            var baseline = table.row("baseline", "account");
            var unprotected = table.row("unprotected", "account");
            System.out.println("[measured] shortened cascade demo:" + System.lineSeparator() + demo.stdout());
            // Seconds against a baseline's tens to hundreds of milliseconds (see CascadeSummary).
            assertThat(unprotected.errors() > 0 || unprotected.p99() >= baseline.p99() + 1000)
                    .as("plain reads suffer without protection: %s against %s", unprotected, baseline).isTrue();
            assertThat(table.row("protected", "account").errors()).as("no plain read fails with protection")
                    .isZero();
            assertThat(table.row("protected", "statement at account-service").errors())
                    .as("every probed statement was answered by the open breaker").isZero();
            assertThat(demo.stdout()).contains("[met]    unprotected: plain account reads p99");
            // The third run: statements from the replica while customer-service hangs, each complete; and its price.
            assertThat(table.row("replica", "statement").errors()).as("no statement from the replica incomplete")
                    .isZero();
            assertThat(table.row("replica", "statement").requests()).isPositive();
            assertThat(demo.stdout()).contains("[met]    replica:     its price, the replication lag: a rename"
                    + " reached a statement in p50");
            var lag = java.util.regex.Pattern.compile("Replication lag, a rename until a statement shows it: (\\d+)"
                    + " renames: p50 (\\d+) ms").matcher(demo.stdout());
            assertThat(lag.find()).as(demo.stdout()).isTrue();
            assertThat(Integer.parseInt(lag.group(1))).isPositive();
            // A poll interval (1 s) and a page read: well under the 10 s a rename may take before it counts as lost.
            assertThat(Integer.parseInt(lag.group(2))).isBetween(0, 5000);
            // The last run: auth-server hanging (SIGSTOP), account-service's tokens forgotten; the guard covers
            // getting a new one, so every statement is answered, degraded, none fails.
            var hang = table.row("auth-server hanging", "statement");
            assertThat(hang.requests()).isPositive();
            assertThat(hang.errors()).as("no statement failed while auth-server hung").isZero();
            var counts = java.util.regex.Pattern.compile("While auth-server hung: (\\d+) statements answered, (\\d+)"
                    + " of them degraded").matcher(demo.stdout());
            assertThat(counts.find()).as(demo.stdout()).isTrue();
            assertThat(Long.parseLong(counts.group(1))).isPositive();
            assertThat(Integer.parseInt(counts.group(2))).as("degraded: no token, no owner's name").isPositive();
            assertThat(demo.stdout()).contains("auth-server: hanging, statements p99");
            // What the breaker cost users once it had opened, and how soon it closed after the recovery: printed
            // and judged (the probe, not a user's call, finds out that customer-service is back).
            var breaker = java.util.regex.Pattern.compile("Circuit breaker, protected: after the breaker first opened,"
                    + " (\\d+) of (\\d+) statements waited longer than 1000 ms; it closed (\\d+) ms after the"
                    + " dependency recovered").matcher(demo.stdout());
            assertThat(breaker.find()).as(demo.stdout()).isTrue();
            assertThat(Long.parseLong(breaker.group(2))).as("statements after the breaker opened").isPositive();
            assertThat(demo.stdout()).containsPattern("\\[(met|MISSED)\\] +protected: +after the breaker first opened");
            var report = Path.of(demo.stdout().lines().filter(line -> line.startsWith("Charts over time"))
                    .findFirst().orElseThrow().replaceAll(".*: ", ""));
            assertThat(report).exists().content().contains("2 unprotected &middot; account");

            assertThat(demo.stdout()).contains("Erlbank is still running, as the demo found it: no fault, auth-server"
                    + " running, protection off, owners' names by lookup");
            assertThat(report.getParent().resolve("replication-lag.txt")).exists();
            assertThat(report.getParent().resolve("auth-server-hang.txt")).exists();
            var ada = erlbank.run("token", "ada");
            assertThat(ada.exitCode()).as("auth-server answers again: %s", ada.output()).isZero();
            assertThat(ada.stdout().strip()).isNotBlank();
            assertThat(erlbank.run("protection").stdout()).contains("protection off");
            assertThat(erlbank.get("http://127.0.0.1:" + erlbank.customerServiceManagementPort + "/actuator/fault")
                    .body()).contains("\"fault\":\"none\"");
        } finally {
            erlbank.with("ERLBANK_DEMO_OPTS", "");
            erlbank.run("protection", "on");
        }
    }

    /**
     * A shortened benchmark: it restarts the running system to time its start-up, measures, prints its table and
     * verdicts, writes its report, and leaves the system running without a fault, as it found it.
     */
    @Test
    @Order(17)
    void theBenchmarkMeasuresEveryCostAndLeavesTheSystemRunning() throws Exception {
        try {
            // The bench restarts everything first: 12 s of warm-up for four cold JVMs on two cores (with 6 s, the
            // moderate run began while they were still compiling, and every token check then cost milliseconds).
            var bench = erlbank.with("ERLBANK_BENCH_OPTS", "-Dbench.warm-up=12 -Dbench.moderate=5"
                    + " -Dbench.moderate-rate=20 -Dbench.saturation-users=4 -Dbench.saturation-slice=3"
                    + " -Dbench.coupling=4 -Dbench.coupling-rate=10 -Dbench.delays=0,100").run("bench");

            assertThat(bench.exitCode()).as(bench.output()).isZero();
            var out = bench.stdout();
            assertThat(out).contains("Erlbank is running: restarting it", "cores", "; Java ",
                    "moderate, 20/s each", "saturation, 4 users", "customer-service +100 ms",
                    "Throughput at saturation through the gateway:", "resident memory",
                    "start-up: ./erlbank up -d until every service is healthy:", "[met]    0 measured requests failed");
            assertThat(out.lines().filter(line -> line.startsWith("[met]") || line.startsWith("[MISSED]"))).hasSize(6);
            assertThat(out).containsPattern("checking a token \\(signature, issuer, audience, lifetime; keys cached\\):"
                    + " p50 \\d+ us, p99 \\d+ us over \\d+ checks");
            assertThat(out).containsPattern("the same token again, kept verified \\(lifetime and claims checked\\):"
                    + " p50 [\\d.]+ us, p99 [\\d.]+ us over \\d+ checks");
            // 100 ms more at customer-service is 100 ms more for a statement: its median cannot be below the delay it
            // waits for, and the difference to the undelayed median stays near the delay. (That difference, 40
            // requests a side on a loaded machine, moves with the undelayed median's noise, so its floor is lower.)
            var delayed = java.util.regex.Pattern.compile("customer-service \\+100 ms\\s+statement\\s+\\d+\\s+0\\s+(\\d+)\\s")
                    .matcher(out);
            assertThat(delayed.find()).as(out).isTrue();
            assertThat(Integer.parseInt(delayed.group(1))).as("p50 of a statement, customer-service +100 ms")
                    .isBetween(100, 500);
            // The reference proxy, where nginx is installed (.ci/run installs it): measured in the same slices, and
            // stopped after.
            if (Erlbank.onPath("nginx")) {
                assertThat(out).contains("Reference proxy: nginx", "with the reference proxy http://127.0.0.1:"
                        + erlbank.nginxPort).containsPattern("saturation, 4 users\\s+nginx account\\s+[1-9]\\d*\\s+0\\s");
                assertThat(out).containsPattern("Through nginx, a plain proxy .*: \\d+\\.\\d\\d x direct");
                assertThat(Erlbank.isListening(erlbank.nginxPort)).as("nginx stopped after the benchmark").isFalse();
            } else {
                assertThat(out).contains("nginx is not installed: no reference proxy in this run").doesNotContain(
                        "nginx account");
            }
            var slower = java.util.regex.Pattern.compile("makes a statement (-?\\d+) ms slower").matcher(out);
            assertThat(slower.find()).as(out).isTrue();
            assertThat(Integer.parseInt(slower.group(1))).isBetween(50, 400);
            var report = Path.of(out.lines().filter(line -> line.startsWith("Charts"))
                    .findFirst().orElseThrow().replaceAll(".*: (\\S+)/index.html;.*", "$1"));
            assertThat(report.resolve("index.html")).exists().content().contains("2 saturation &middot; gateway account");
            assertThat(report.resolve("bench-summary.txt")).exists().content().contains("resident memory");

            assertThat(erlbank.run("status").exitCode()).as("still running").isZero();
            assertThat(erlbank.get("http://127.0.0.1:" + erlbank.customerServiceManagementPort + "/actuator/fault")
                    .body()).contains("\"fault\":\"none\"");

            // Where the CPU goes: one short round of each path on the running system (wrk, which .ci/run installs).
            if (Erlbank.onPath("wrk")) {
                var cpu = erlbank.run("bench", "cpu", "2", "1", "2");

                assertThat(cpu.exitCode()).as(cpu.output()).isZero();
                var rows = cpu.stdout().lines().filter(line -> line.matches("(direct|gateway|nginx) +1 .*"))
                        .map(line -> line.trim().split(" +")).toList();
                assertThat(rows).as(cpu.stdout()).hasSize(Erlbank.onPath("nginx") ? 3 : 2);
                for (var row : rows) {
                    assertThat(Double.parseDouble(row[2])).as("requests/s " + row[0]).isPositive();
                    assertThat(Integer.parseInt(row[5])).as("account-service us " + row[0]).isPositive();
                    assertThat(Integer.parseInt(row[8])).as("machine us " + row[0]).isPositive();
                    assertThat(Integer.parseInt(row[9])).as("kernel us " + row[0]).isPositive()
                            .isLessThanOrEqualTo(Integer.parseInt(row[8]));
                    assertThat(row[6].equals("-")).as("the gateway's CPU on its own row only").isEqualTo(
                            !row[0].equals("gateway"));
                    assertThat(row[7].equals("-")).as("nginx's CPU on its own row only").isEqualTo(!row[0].equals("nginx"));
                }
                assertThat(rows.stream().filter(row -> !row[0].equals("direct")))
                        .allSatisfy(row -> assertThat(Integer.parseInt(row[0].equals("gateway") ? row[6] : row[7]))
                                .as("the proxy's CPU per request").isPositive());
                assertThat(cpu.stdout()).containsPattern("gateway/direct per round: \\d+\\.\\d\\d x");
                assertThat(erlbank.run("status").exitCode()).as("still running").isZero();
                assertThat(Erlbank.isListening(erlbank.nginxPort)).as("nginx stopped after").isFalse();
            } else {
                assertThat(erlbank.run("bench", "cpu").stderr()).contains("wrk is needed");
            }
        } finally {
            erlbank.with("ERLBANK_BENCH_OPTS", "");
        }
    }

    private List<String> logLinesOf(String service, String traceId) throws Exception {
        return Files.readAllLines(erlbank.runDir.resolve(service + ".log")).stream()
                .filter(line -> line.contains(traceId)).toList();
    }

    /**
     * The replica, with real processes: switched to it, a rename reaches a statement within a few poll intervals;
     * with customer-service killed, every statement is still complete; a rename made while account-service is down
     * reaches it after its restart, and the replica stands exactly at the feed's head (nothing lost, nothing applied
     * twice, no gap).
     */
    @Test
    @Order(18)
    void theReplicaKeepsStatementsCompleteWithoutCustomerServiceAndFollowsTheFeedAcrossRestarts() throws Exception {
        var statementOf2 = erlbank.gateway() + "/accounts/10000002/statement";
        var owner = JSON.readTree(erlbank.get(statementOf2).body()).path("_links").path("owner").path("href")
                .asString();
        var customer = JSON.readTree(erlbank.get(owner).body());
        var givenName = customer.path("givenName").asString();
        var surname = customer.path("surname").asString();
        try {
            var refused = erlbank.run("owner-names", "guess");
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.output()).contains("unknown source of owners' names 'guess': lookup, replica or status");
            var switched = erlbank.run("owner-names", "replica");
            assertThat(switched.exitCode()).as(switched.output()).isZero();
            assertThat(switched.stdout()).contains("take the owner's name from: replica",
                    "the replica: at position ");

            long renamedAt = System.nanoTime();
            rename(owner, givenName, surname + " (renamed)");
            within(java.time.Duration.ofSeconds(10), () -> assertThat(ownerNameIn(statementOf2))
                    .isEqualTo(givenName + " " + surname + " (renamed)"));
            System.out.printf("A rename reached a statement through the replica in %d ms%n",
                    (System.nanoTime() - renamedAt) / 1_000_000);
            var statement = JSON.readTree(erlbank.get(statementOf2).body());
            assertThat(statement.path("ownerNameSource").asString()).isEqualTo("replica");
            assertThat(statement.path("ownerNameAsOf").asString()).isNotBlank();

            assertThat(erlbank.run("kill", "customer-service").exitCode()).isZero();
            for (int account = 10000001; account <= 10000006; account++) {
                var answer = erlbank.get(erlbank.gateway() + "/accounts/" + account + "/statement");
                assertThat(answer.statusCode()).as("statement of %d", account).isEqualTo(200);
                var complete = JSON.readTree(answer.body());
                assertThat(complete.path("degraded").asBoolean()).as(answer.body()).isFalse();
                assertThat(complete.path("ownerName").asString()).as(answer.body()).isNotBlank();
            }
            assertThat(ownerNameIn(statementOf2)).isEqualTo(givenName + " " + surname + " (renamed)");
            within(java.time.Duration.ofSeconds(10), () -> assertThat(erlbank.run("owner-names").stdout())
                    .contains("trouble: Cannot read the customer feed"));
            assertThat(erlbank.run("up", "-d").exitCode()).isZero();

            assertThat(erlbank.run("kill", "account-service").exitCode()).isZero();
            rename(owner, givenName, surname);
            var up = erlbank.run("up", "-d");
            assertThat(up.exitCode()).as(up.output()).isZero();
            within(java.time.Duration.ofSeconds(15), () -> {
                assertThat(ownerNameIn(statementOf2)).isEqualTo(givenName + " " + surname);
                var feedHead = JSON.readTree(erlbank.get(erlbank.gateway() + "/customer-feed").body())
                        .path("lastPosition").asLong();
                var replica = JSON.readTree(erlbank.get("http://127.0.0.1:" + erlbank.accountServiceManagementPort
                        + "/actuator/ownernames").body());
                assertThat(replica.path("source").asString()).as("after a restart, as configured").isEqualTo("lookup");
                assertThat(replica.path("replica").path("position").asLong()).isEqualTo(feedHead);
                assertThat(replica.path("replica").has("trouble")).as("%s", replica).isFalse();
            });
            // Restarted, account-service looks names up again (ERLBANK_OWNER_NAMES); switched, the replica has them.
            assertThat(erlbank.run("owner-names", "replica").exitCode()).isZero();
            assertThat(ownerNameIn(statementOf2)).isEqualTo(givenName + " " + surname);
        } finally {
            erlbank.run("up", "-d");
            erlbank.run("owner-names", "lookup");
        }
    }

    private String ownerNameIn(String statement) {
        return JSON.readTree(erlbank.get(statement).body()).path("ownerName").asString();
    }

    /** Renames a customer through the gateway, with the ETag just read. */
    private void rename(String customer, String givenName, String surname) {
        var etag = erlbank.get(customer).headers().firstValue("ETag").orElseThrow();
        var renamed = erlbank.send(HttpRequest.newBuilder(URI.create(customer)).header("Content-Type", "application/json")
                .header("If-Match", etag).PUT(HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("givenName", givenName, "surname", surname))))
                .build());
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
    }

    /**
     * customer-service is killed (SIGKILL) right after it acknowledged a stream of registrations: meanwhile its routes
     * answer a problem at once and the others keep answering; after its restart every acknowledged registration is
     * there.
     */
    @Test
    @Order(19)
    void aKilledServiceIsAnsweredWithAProblemMeanwhileAndKeepsEveryRegistrationItAcknowledged() {
        var before = totalCustomers();
        var acknowledged = new java.util.ArrayList<String>();
        for (int i = 0; i < 150; i++) {
            var response = erlbank.send(HttpRequest.newBuilder(URI.create(erlbank.customerService() + "/customers"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"givenName\":\"Client\",\"surname\":\"Durable-" + i + "\"}"))
                    .build());
            if (response.statusCode() == 201) {
                acknowledged.add(response.headers().firstValue("Location").orElseThrow());
            }
        }
        var pid = erlbank.pidOf("customer-service");
        var kill = erlbank.run("kill", "customer-service");
        assertThat(kill.exitCode()).as(kill.output()).isZero();
        ProcessHandle.of(pid).ifPresent(process -> process.onExit().join());

        long start = System.nanoTime();
        var customers = erlbank.get(erlbank.gateway() + "/customers");
        var took = java.time.Duration.ofNanos(System.nanoTime() - start);

        assertThat(customers.statusCode()).isEqualTo(503);
        assertThat(customers.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(took).isLessThan(java.time.Duration.ofSeconds(2));
        assertThat(erlbank.get(erlbank.gateway() + "/accounts/10000001").statusCode()).isEqualTo(200);
        assertThat(erlbank.get(erlbank.gateway() + "/actuator/health").body()).contains("\"DOWN\"");

        var up = erlbank.run("up", "-d");
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(erlbank.get(erlbank.gateway() + "/customers").statusCode()).isEqualTo(200);
        // The killed process's log is kept for reading after the fact; the new one starts afresh.
        assertThat(erlbank.runDir.resolve("customer-service.log.old")).content()
                .contains("Started CustomerServiceApplication");
        assertThat(erlbank.runDir.resolve("customer-service.log")).content()
                .containsOnlyOnce("Starting CustomerServiceApplication");
        assertThat(acknowledged).hasSize(150);
        assertThat(acknowledged).allSatisfy(customer -> assertThat(erlbank.get(customer).statusCode())
                .as("acknowledged %s", customer).isEqualTo(200));
        assertThat(totalCustomers()).isEqualTo(before + 150);
    }

    /** {@link DurabilityContract} on the shared system's H2 file databases: its own customer and accounts. */
    @Override
    @Test
    @Order(20)
    void theBankKeepsItsBooksWhenAccountServiceIsKilledMidStream() throws Exception {
        super.theBankKeepsItsBooksWhenAccountServiceIsKilledMidStream();
    }

    /**
     * auth-server through the launcher: {@code ./erlbank token} runs the code flow with PKCE in curl and gives a
     * customer's and a teller's token; a customer registered through the API is given a login with
     * {@code ./erlbank login add}; a token issued before auth-server is killed and started again still verifies
     * against its published keys afterwards.
     */
    @Test
    @Order(21)
    void tokensFromTheLauncherNameTheLoginAndOutliveARestartOfAuthServer() throws Exception {
        // The decoder every service will check tokens with (signature by a published key, issuer, audience, expiry),
        // on auth-server's real tokens and keys.
        var decoder = ErlbankJwtDecoders.of(ErlbankSecurityProperties.forIssuer(erlbank.authServer()));
        var ada = erlbank.run("token", "ada");
        assertThat(ada.exitCode()).as(ada.output()).isZero();
        var adaToken = ada.stdout().strip();
        var adaJwt = decoder.decode(adaToken);
        assertThat(adaJwt.getIssuer()).hasToString(erlbank.authServer());
        assertThat(adaJwt.getAudience()).containsExactly("erlbank");
        assertThat(adaJwt.getClaimAsString("customer_id")).isEqualTo(HostileRequests.ADA);
        assertThat(adaJwt.getClaimAsStringList("roles")).containsExactly("customer");
        assertThat(adaJwt.getSubject()).isEqualTo("ada");
        assertThat(Caller.of(adaJwt)).isEqualTo(new Caller.Customer(java.util.UUID.fromString(HostileRequests.ADA)));

        var teller = erlbank.run("token", "teller");
        assertThat(teller.exitCode()).as(teller.output()).isZero();
        var tellerToken = teller.stdout().strip();
        var tellerJwt = decoder.decode(tellerToken);
        assertThat(tellerJwt.getClaimAsStringList("roles")).containsExactly("teller");
        assertThat(tellerJwt.hasClaim("customer_id")).isFalse();
        assertThat(Caller.of(tellerJwt)).isEqualTo(new Caller.Teller());
        // The check can fail: Ada's header and signature on the teller's claims.
        var parts = adaToken.split("\\.");
        assertThatThrownBy(() -> decoder.decode(parts[0] + "." + tellerToken.split("\\.")[1] + "." + parts[2]))
                .isInstanceOf(BadJwtException.class);

        try {
            var wrong = erlbank.with("ERLBANK_PASSWORD", "not-the-password").run("token", "grace");
            assertThat(wrong.exitCode()).isNotZero();
            assertThat(wrong.stderr()).contains("auth-server refused to log grace in");

            // A customer registered through the API, given a login.
            var registered = erlbank.send(HttpRequest.newBuilder(URI.create(erlbank.gateway() + "/customers"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"givenName\":\"Dorothy\",\"surname\":\"Vaughan\"}")).build());
            assertThat(registered.statusCode()).isEqualTo(201);
            var customerId = JSON.readTree(registered.body()).path("id").asString();
            assertThat(customerId).as(registered.body()).isNotBlank();
            var added = erlbank.with("ERLBANK_PASSWORD", "dorothys-password").run("login", "add", "dorothy",
                    customerId);
            assertThat(added.exitCode()).as(added.output()).isZero();
            var again = erlbank.run("login", "add", "dorothy", customerId);
            assertThat(again.exitCode()).isNotZero();
            assertThat(again.stderr()).contains("login-exists");
            var dorothy = erlbank.run("token", "dorothy");
            assertThat(dorothy.exitCode()).as(dorothy.output()).isZero();
            assertThat(decoder.decode(dorothy.stdout().strip()).getClaimAsString("customer_id")).isEqualTo(customerId);
        } finally {
            erlbank.with("ERLBANK_PASSWORD", "");
        }

        assertThat(erlbank.run("kill", "auth-server").exitCode()).isZero();
        var up = erlbank.run("up", "-d");
        assertThat(up.exitCode()).as(up.output()).isZero();

        assertThat(Caller.of(ErlbankJwtDecoders.of(ErlbankSecurityProperties.forIssuer(erlbank.authServer()))
                .decode(adaToken))).as("a token issued before the restart, by a service that fetches the keys after it")
                .isEqualTo(new Caller.Customer(java.util.UUID.fromString(HostileRequests.ADA)));
        var afterwards = erlbank.run("token", "ada");
        assertThat(afterwards.exitCode()).as(afterwards.output()).isZero();
        assertThat(decoder.decode(afterwards.stdout().strip()).getHeaders().get("kid"))
                .as("signed with the same key").isEqualTo(adaJwt.getHeaders().get("kid"));
    }

    /** The start in the foreground that {@link #downStopsEverythingAndAStartInTheForegroundFindsEveryWriteAgain} makes. */
    private static Erlbank.Running foreground;

    /**
     * {@code down} stops every process and frees every port; the next start, in the foreground, streams every
     * service's log, prefixed, and finds every answered write again, once: the registration, and its retry with the
     * same {@code Idempotency-Key} replayed. (The one restart of the whole system that both need.)
     */
    @Test
    @Order(22)
    void downStopsEverythingAndAStartInTheForegroundFindsEveryWriteAgain() throws Exception {
        var key = java.util.UUID.randomUUID().toString();
        var registration = HttpRequest.newBuilder(URI.create(erlbank.gateway() + "/customers"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"givenName\":\"Frances\",\"surname\":\"Allen\"}"));
        var created = erlbank.send(registration.build());
        assertThat(created.statusCode()).isEqualTo(201);
        var customer = created.headers().firstValue("Location").orElseThrow();
        var before = totalCustomers();
        // The class data archives the first start left to a background training are there by now; this start maps them.
        within(java.time.Duration.ofMinutes(3), () -> assertThat(SERVICES).allSatisfy(service ->
                assertThat(Erlbank.cdsArchiveOf(service)).as("class data archive of %s", service).isNotEmpty()));
        var pids = SERVICES.stream().map(erlbank::pidOf).toList();

        var down = erlbank.run("down");

        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                .as("process %d", pid).isIn(Optional.empty(), Optional.of(false)));
        assertThat(Erlbank.isListening(erlbank.customerServicePort)).isFalse();
        assertThat(Erlbank.isListening(erlbank.accountServicePort)).isFalse();
        assertThat(Erlbank.isListening(erlbank.gatewayPort)).isFalse();
        assertThat(Erlbank.isListening(erlbank.authServerPort)).isFalse();
        var status = erlbank.run("status");
        assertThat(status.exitCode()).isNotZero();
        assertThat(status.stdout()).contains("DOWN");

        foreground = erlbank.upInTheForeground();
        foreground.awaitOutput(printed -> printed.contains("Streaming the logs"), java.time.Duration.ofMinutes(3));
        // Each service's log is streamed by a tail of its own, which starts after "Streaming the logs": wait for
        // every prefix, not for one of them.
        foreground.awaitOutput(printed -> SERVICES.stream().allMatch(service -> printed.contains("[" + service + "] ")),
                java.time.Duration.ofSeconds(30));
        assertThat(foreground.stdoutSoFar()).contains("Erlbank is up").doesNotContain("Preparing a faster");
        assertThat(SERVICES).allSatisfy(service -> assertThat(ProcessHandle.of(erlbank.pidOf(service)).orElseThrow()
                .info().arguments().map(List::of).orElseThrow()).as("%s's JVM", service)
                .anySatisfy(argument -> assertThat(argument).startsWith(
                        "-XX:SharedArchiveFile=" + Erlbank.ROOT.resolve(service + "/target/cds/app-"))));

        assertThat(JSON.readTree(erlbank.get(customer).body()).path("surname").asString()).isEqualTo("Allen");
        assertThat(totalCustomers()).as("no demo customers added twice").isEqualTo(before);
        var retried = erlbank.send(registration.build());
        assertThat(retried.statusCode()).as("the retry after the restart").isEqualTo(201);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(retried.headers().firstValue("Location")).contains(customer);
        assertThat(retried.body()).isEqualTo(created.body());
        assertThat(totalCustomers()).as("the retry registered nobody").isEqualTo(before);
    }

    /** Ctrl-C ends {@code ./erlbank up} in the foreground, and with it every service it started. */
    @Test
    @Order(23)
    void ctrlCStopsEverythingStartedInTheForeground() throws Exception {
        assertThat(foreground).as("started in the foreground by the test before").isNotNull();
        var pids = SERVICES.stream().map(erlbank::pidOf).toList();

        // Bash's own kill: procps' is not on every machine.
        new ProcessBuilder("bash", "-c", "kill -INT " + foreground.process().pid()).start().waitFor();

        assertThat(foreground.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS))
                .as("./erlbank up ends on Ctrl-C").isTrue();
        assertThat(foreground.process().exitValue()).isZero();
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                .as("process %d", pid).isIn(Optional.empty(), Optional.of(false)));
        assertThat(Erlbank.isListening(erlbank.customerServicePort)).isFalse();
        assertThat(Erlbank.isListening(erlbank.accountServicePort)).isFalse();
        assertThat(Erlbank.isListening(erlbank.gatewayPort)).isFalse();
        assertThat(Erlbank.isListening(erlbank.authServerPort)).isFalse();
    }

    private long totalCustomers() {
        var page = erlbank.get(erlbank.customerService() + "/customers?size=1").body();
        return JSON.readTree(page).path("page").path("totalElements").asLong();
    }
}
