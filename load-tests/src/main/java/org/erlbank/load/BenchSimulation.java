package org.erlbank.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Erlbank's costs, measured in one run on one machine (so that two set-ups compare as a ratio, whatever the
 * machine): what the gateway adds, and what the synchronous call to customer-service costs a statement.
 *
 * <ol>
 * <li>warm-up: every later run's requests in turn, by users that each send the next as soon as the last is answered
 * (a closed model: cold JVMs get as much work as they can do, never a backlog), not reported;</li>
 * <li>moderate: a plain account read at a fixed rate, directly from account-service and through the gateway at the
 * same time (an open model: the rate does not depend on the answers), for the latency the gateway adds;</li>
 * <li>saturation: users that each send the next read as soon as the last is answered (a closed model), directly
 * and through the gateway in turn (after a slice of each to warm up), for the throughput each reaches;</li>
 * <li>coupling: statements (account-service asks customer-service for the owner's name) beside plain account reads,
 * through the gateway, with 0, 50 and 200 ms injected into customer-service: what temporal coupling costs.</li>
 * </ol>
 *
 * Every request, directly and through the gateway alike, carries the teller's token from auth-server ({@link
 * AuthServerTokens}: she reads every account and statement); a header function reads it per request, so a renewed
 * token is used as soon as it is there, and the two paths compare with the same token check at the service.
 * auth-server's address: the system property {@code erlbank.auth-server}.
 *
 * <p>Each request is named after its run ("1 moderate · gateway account"), by the time it is sent, so the report has a
 * row per run and endpoint. {@link BenchSummary} reads the numbers back from the report.
 */
public class BenchSimulation extends Simulation {

    static final String WARM_UP = "0 warm-up";
    static final String MODERATE = "1 moderate";
    static final String SATURATION = "2 saturation";
    static final String COUPLING = "3 coupling";
    static final String GAP = "gap";
    static final String DIRECT_ACCOUNT = " · direct account";
    static final String GATEWAY_ACCOUNT = " · gateway account";
    static final String PROXY_ACCOUNT = " · nginx account";
    static final String STATEMENT = " · statement";
    static final String ACCOUNT = " · account";

    /**
     * How long before the warm-up's end its users stop sending: Gatling leaves the loop at the next request after
     * that, so only a request still under way (a slow one) can reach into the moderate run, and it is named warm-up.
     */
    static final Duration WARM_UP_MARGIN = Duration.ofSeconds(2);

    private final BenchSettings settings = BenchSettings.fromSystemProperties();

    private final AuthServerTokens tokens = AuthServerTokens.fromSystemProperties();

    private volatile long startedAt = System.currentTimeMillis();

    public BenchSimulation() {
        setUp(
                warmUp().injectOpen(atOnceUsers(settings.warmUpUsers())),
                accountReads(settings.accountService(), DIRECT_ACCOUNT).injectOpen(moderate()),
                accountReads(settings.gateway(), GATEWAY_ACCOUNT).injectOpen(moderate()),
                saturation().injectOpen(atOnceUsers(settings.saturationUsers())),
                statements().injectOpen(duringCoupling()),
                accountReads(settings.gateway(), ACCOUNT).injectOpen(duringCoupling()),
                control().injectOpen(atOnceUsers(1)))
                .protocols(BenchProtocol.asTeller(tokens))
                .maxDuration(settings.total().plus(settings.requestTimeout()).plusSeconds(30));
    }

    /** What run a request sent now belongs to. */
    String runNow() {
        var elapsed = Duration.ofMillis(System.currentTimeMillis() - startedAt);
        if (elapsed.compareTo(settings.moderateStart()) < 0) {
            return WARM_UP;
        }
        if (elapsed.compareTo(settings.moderateStart().plus(settings.moderate())) < 0) {
            return MODERATE;
        }
        var delays = settings.customerServiceDelays();
        for (int run = 0; run < delays.size(); run++) {
            var start = settings.couplingStart(run);
            if (elapsed.compareTo(start) >= 0 && elapsed.compareTo(start.plus(settings.coupling())) < 0) {
                return coupling(delays.get(run));
            }
        }
        return GAP;
    }

    static String coupling(int delayMillis) {
        return COUPLING + " " + delayMillis + " ms";
    }

    private ScenarioBuilder accountReads(String base, String endpoint) {
        return scenario("account reads" + endpoint).exec(http(session -> runNow() + endpoint)
                .get(session -> base + "/accounts/" + anAccount())
                .check(status().is(200)));
    }

    /** A statement is measured only when it is complete: a degraded one (no owner's name) is an error here. */
    private ScenarioBuilder statements() {
        return scenario("statements").exec(http(session -> runNow() + STATEMENT)
                .get(session -> settings.gateway() + "/accounts/" + anAccount() + "/statement")
                .check(status().is(200), jsonPath("$.ownerName").exists()));
    }

    /**
     * Each user reads as fast as it is answered: a slice directly and one through the gateway to warm both paths up
     * at this load (not reported: the JIT compiles differently under saturation), then directly, through the
     * gateway, directly, through the gateway. With a reference proxy, a slice through it follows each gateway slice.
     */
    private ScenarioBuilder saturation() {
        var slice = settings.saturationSlice();
        var steps = new ArrayList<ChainBuilder>();
        steps.add(pauseUntil(settings.saturationStart()));
        for (var run : List.of(WARM_UP + " saturation", SATURATION, SATURATION)) {
            steps.add(readsDuring(slice, settings.accountService(), run + DIRECT_ACCOUNT));
            steps.add(readsDuring(slice, settings.gateway(), run + GATEWAY_ACCOUNT));
            settings.referenceProxy().ifPresent(proxy -> steps.add(readsDuring(slice, proxy, run + PROXY_ACCOUNT)));
        }
        return scenario("saturation").exec(steps);
    }

    private ChainBuilder readsDuring(Duration slice, String base, String name) {
        return during(slice).on(exec(http(name)
                .get(session -> base + "/accounts/" + anAccount())
                .check(status().is(200))));
    }

    /**
     * The warm-up: each user reads an account directly, one through the gateway, a statement and another account
     * through the gateway, round after round, each request sent when the last was answered. A closed model: an open
     * one (a rate, as the moderate run) sent cold JVMs more than they could answer, the backlog outlived the
     * warm-up, and the moderate run after it timed out (1343 of its 3000 requests, 2026-12-06, with tokens). Every
     * request of the warm-up is named so, whenever it is answered: none counts in a measured run.
     */
    private ScenarioBuilder warmUp() {
        return scenario("warm-up").exec(during(settings.warmUp().minus(WARM_UP_MARGIN)).on(
                exec(http(WARM_UP + DIRECT_ACCOUNT).get(session -> settings.accountService() + "/accounts/" + anAccount())
                        .check(status().is(200))),
                exec(http(WARM_UP + GATEWAY_ACCOUNT).get(session -> settings.gateway() + "/accounts/" + anAccount())
                        .check(status().is(200))),
                exec(http(WARM_UP + STATEMENT).get(session -> settings.gateway() + "/accounts/" + anAccount()
                        + "/statement").check(status().is(200), jsonPath("$.ownerName").exists())),
                exec(http(WARM_UP + ACCOUNT).get(session -> settings.gateway() + "/accounts/" + anAccount())
                        .check(status().is(200)))));
    }

    /** Nothing during the warm-up, then the moderate run's rate. */
    private List<OpenInjectionStep> moderate() {
        return List.of(nothingFor(settings.warmUp()),
                constantUsersPerSec(settings.moderateRate()).during(settings.moderate()));
    }

    /** One window per coupling run. */
    private List<OpenInjectionStep> duringCoupling() {
        var steps = new ArrayList<OpenInjectionStep>();
        var now = Duration.ZERO;
        for (int run = 0; run < settings.customerServiceDelays().size(); run++) {
            steps.add(nothingFor(settings.couplingStart(run).minus(now)));
            steps.add(constantUsersPerSec(settings.couplingRate()).during(settings.coupling()));
            now = settings.couplingStart(run).plus(settings.coupling());
        }
        return steps;
    }

    /** Sets customer-service's injected latency in the gap before each coupling run, and clears it at the end. */
    private ScenarioBuilder control() {
        var steps = new ArrayList<ChainBuilder>();
        steps.add(fault("{\"mode\":\"clear\"}"));
        var delays = settings.customerServiceDelays();
        for (int run = 0; run < delays.size(); run++) {
            steps.add(pauseUntil(settings.couplingStart(run).minus(BenchSettings.GAP.dividedBy(2))));
            steps.add(delays.get(run) == 0 ? fault("{\"mode\":\"clear\"}")
                    : fault("{\"mode\":\"delay\",\"value\":" + delays.get(run) + "}"));
        }
        steps.add(pauseUntil(settings.total()));
        steps.add(fault("{\"mode\":\"clear\"}"));
        return scenario("control").exec(steps);
    }

    private ChainBuilder fault(String json) {
        return ControlSteps.customerServiceFault(settings.customerServiceManagement(),
                "control · customer-service fault", json);
    }

    private ChainBuilder pauseUntil(Duration since) {
        return ControlSteps.pauseUntil(() -> startedAt, since);
    }

    @Override
    public void before() {
        // The first login before the clock starts: a wrong password or a missing auth-server fails here, clearly.
        tokens.token(AuthServerTokens.TELLER);
        startedAt = System.currentTimeMillis();
        System.out.printf("Benchmark: %s%n", settings);
    }

    private String anAccount() {
        var accounts = settings.accounts();
        return accounts.get(ThreadLocalRandom.current().nextInt(accounts.size()));
    }
}
