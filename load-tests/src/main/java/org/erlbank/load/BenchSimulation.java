package org.erlbank.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
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
 * <li>warm-up: the load of every later run, not reported;</li>
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
    static final String STATEMENT = " · statement";
    static final String ACCOUNT = " · account";

    /** How long before the warm-up's end the statements' warm-up stops. */
    static final Duration WARM_UP_MARGIN = Duration.ofSeconds(1);

    private final BenchSettings settings = BenchSettings.fromSystemProperties();

    private final AuthServerTokens tokens = AuthServerTokens.fromSystemProperties();

    private volatile long startedAt = System.currentTimeMillis();

    public BenchSimulation() {
        setUp(
                accountReads(settings.accountService(), DIRECT_ACCOUNT).injectOpen(warmUpAndModerate()),
                accountReads(settings.gateway(), GATEWAY_ACCOUNT).injectOpen(warmUpAndModerate()),
                saturation().injectOpen(atOnceUsers(settings.saturationUsers())),
                statements().injectOpen(duringWarmUpAndCoupling()),
                accountReads(settings.gateway(), ACCOUNT).injectOpen(duringWarmUpAndCoupling()),
                control().injectOpen(atOnceUsers(1)))
                // Kept-alive connections, as real clients and the gateway's own client hold them.
                .protocols(http.acceptHeader("application/hal+json").userAgentHeader("erlbank-bench (Gatling)")
                        .header("Authorization", session -> tokens.bearer(AuthServerTokens.TELLER))
                        .disableCaching().shareConnections())
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
     * gateway, directly, through the gateway.
     */
    private ScenarioBuilder saturation() {
        var slice = settings.saturationSlice();
        return scenario("saturation").exec(
                pauseUntil(settings.saturationStart()),
                readsDuring(slice, settings.accountService(), WARM_UP + " saturation" + DIRECT_ACCOUNT),
                readsDuring(slice, settings.gateway(), WARM_UP + " saturation" + GATEWAY_ACCOUNT),
                readsDuring(slice, settings.accountService(), SATURATION + DIRECT_ACCOUNT),
                readsDuring(slice, settings.gateway(), SATURATION + GATEWAY_ACCOUNT),
                readsDuring(slice, settings.accountService(), SATURATION + DIRECT_ACCOUNT),
                readsDuring(slice, settings.gateway(), SATURATION + GATEWAY_ACCOUNT));
    }

    private ChainBuilder readsDuring(Duration slice, String base, String name) {
        return during(slice).on(exec(http(name)
                .get(session -> base + "/accounts/" + anAccount())
                .check(status().is(200))));
    }

    /**
     * The warm-up's first half ramps the load up from one request a second, so that cold JVMs are not flooded
     * (the breaker would open, the gateway time out); its second half runs at the full rate.
     */
    private static List<OpenInjectionStep> warmUp(double rate, Duration length) {
        var half = length.dividedBy(2);
        return List.of(rampUsersPerSec(1).to(rate).during(half), constantUsersPerSec(rate).during(length.minus(half)));
    }

    private List<OpenInjectionStep> warmUpAndModerate() {
        var steps = new ArrayList<>(warmUp(settings.moderateRate(), settings.warmUp()));
        steps.add(constantUsersPerSec(settings.moderateRate()).during(settings.moderate()));
        return steps;
    }

    /**
     * The warm-up, then one window per coupling run. Its warm-up stops a second early: a statement sent a moment
     * after the warm-up would count in the moderate run, which measures account reads only (and on cold JVMs the
     * breaker may still be open from the warm-up: a degraded statement there was counted as a measured failure).
     */
    private List<OpenInjectionStep> duringWarmUpAndCoupling() {
        var steps = new ArrayList<>(warmUp(settings.couplingRate(), settings.warmUp().minus(WARM_UP_MARGIN)));
        steps.add(nothingFor(WARM_UP_MARGIN));
        var now = settings.warmUp();
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
