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
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What tracing costs, measured while Zipkin runs (Erlbank observed): requests whose trace is sampled (every service
 * records its spans and sends them to Zipkin) against requests that carry a trace that is not sampled (the trace id
 * still travels and is logged, but no span is recorded or sent). The client decides, with the W3C {@code traceparent}
 * it sends: its flags {@code 01} (sampled) or {@code 00}, which the gateway and the services follow. So both kinds run
 * on the same warm JVMs, in the same minutes:
 * <ul>
 * <li>saturation: users read accounts as fast as they are answered, through the gateway and directly at
 * account-service, traced and not, in slices of each (in the order A B C D, D C B A: a drift of the machine touches
 * all alike); the throughput of each, and the gateway/direct ratio with tracing and without;</li>
 * <li>statements through the gateway at a moderate rate, each one traced or not at random: p50 and p99 of each.</li>
 * </ul>
 * {@link TracingSummary} prints the table and the costs.
 *
 * <p>System properties: the addresses as for the benchmark ({@code erlbank.gateway}, {@code erlbank.account-service},
 * auth-server's), and {@code tracing.warm-up} (240 s, as the benchmark's), {@code tracing.users} (16),
 * {@code tracing.slice} (10 s), {@code tracing.rate} (50 statements per second), {@code tracing.moderate} (60 s).
 */
public class TracingSimulation extends Simulation {

    static final String WARM_UP = "0 warm-up";
    static final String GAP = "gap";
    static final String GATEWAY_TRACED = "saturation · gateway · traced";
    static final String GATEWAY_UNTRACED = "saturation · gateway · not sampled";
    static final String DIRECT_TRACED = "saturation · direct · traced";
    static final String DIRECT_UNTRACED = "saturation · direct · not sampled";
    static final String STATEMENT_TRACED = "statements · traced";
    static final String STATEMENT_UNTRACED = "statements · not sampled";

    static final Duration WARM = Duration.ofSeconds(Integer.getInteger("tracing.warm-up", 240));
    static final int USERS = Integer.getInteger("tracing.users", 16);
    static final Duration SLICE = Duration.ofSeconds(Integer.getInteger("tracing.slice", 10));
    static final double RATE = Double.parseDouble(System.getProperty("tracing.rate", "50"));
    static final Duration MODERATE = Duration.ofSeconds(Integer.getInteger("tracing.moderate", 60));
    static final Duration GAP_TIME = Duration.ofSeconds(2);
    /** Each set-up twice, mirrored. */
    static final List<String> SLICES = List.of(GATEWAY_UNTRACED, GATEWAY_TRACED, DIRECT_TRACED, DIRECT_UNTRACED,
            DIRECT_UNTRACED, DIRECT_TRACED, GATEWAY_TRACED, GATEWAY_UNTRACED);
    static final List<String> ACCOUNTS = List.of("10000001", "10000002", "10000003", "10000004", "10000005",
            "10000006");

    private final String gateway = System.getProperty("erlbank.gateway", "http://localhost:8080");
    private final String accountService = System.getProperty("erlbank.account-service", "http://127.0.0.1:8082");
    private final AuthServerTokens tokens = AuthServerTokens.fromSystemProperties();
    private volatile long startedAt = System.currentTimeMillis();

    public TracingSimulation() {
        setUp(warmUpAndSaturation().injectOpen(atOnceUsers(USERS)),
                statements().injectOpen(nothingFor(moderateStart()), constantUsersPerSec(RATE).during(MODERATE)))
                .protocols(BenchProtocol.asTeller(tokens))
                .maxDuration(total().plusSeconds(40));
    }

    @Override
    public void before() {
        tokens.token(AuthServerTokens.TELLER);
        startedAt = System.currentTimeMillis();
    }

    static Duration sliceStart(int slice) {
        return WARM.plus(GAP_TIME).plus(SLICE.plus(GAP_TIME).multipliedBy(slice));
    }

    static Duration moderateStart() {
        return sliceStart(SLICES.size());
    }

    static Duration total() {
        return moderateStart().plus(MODERATE);
    }

    /** The slice a request sent now counts for: its set-up, the warm-up, or a gap (not counted). */
    String sliceNow() {
        var elapsed = Duration.ofMillis(System.currentTimeMillis() - startedAt);
        if (elapsed.compareTo(WARM) < 0) {
            return WARM_UP;
        }
        for (int slice = 0; slice < SLICES.size(); slice++) {
            var start = sliceStart(slice);
            if (elapsed.compareTo(start) >= 0 && elapsed.compareTo(start.plus(SLICE)) < 0) {
                return SLICES.get(slice);
            }
        }
        return GAP;
    }

    /**
     * Each user: during the warm-up, account reads and statements through the gateway and account reads directly,
     * traced and not, in turn; then in every slice the slice's reads, until the saturation's end.
     */
    private ScenarioBuilder warmUpAndSaturation() {
        return scenario("warm-up and saturation").exec(
                during(WARM.minusSeconds(1)).on(
                        read(session -> WARM_UP, gateway, true), read(session -> WARM_UP, gateway, false),
                        read(session -> WARM_UP, accountService, true), read(session -> WARM_UP, accountService, false),
                        exec(http(WARM_UP).get(session -> gateway + "/accounts/" + anAccount() + "/statement")
                                .header("traceparent", session -> traceparent(ThreadLocalRandom.current().nextBoolean()))
                                .check(status().is(200)))),
                // The slice is decided once per request: its name, its address and its traceparent agree.
                during(moderateStart().minus(WARM)).on(exec(session -> session.set("slice", sliceNow()))
                        .exec(http(session -> session.getString("slice"))
                                .get(session -> base(session.getString("slice")) + "/accounts/" + anAccount())
                                .header("traceparent", session -> traceparent(
                                        session.getString("slice").endsWith("· traced")))
                                .check(status().is(200)))));
    }

    private ChainBuilder read(java.util.function.Function<Session, String> name, String base, boolean traced) {
        return exec(http(name).get(session -> base + "/accounts/" + anAccount())
                .header("traceparent", session -> traceparent(traced)).check(status().is(200)));
    }

    private String base(String slice) {
        return slice.contains("· direct ·") ? accountService : gateway;
    }

    /** Statements through the gateway, each traced or not at random; complete ones only (with the owner's name). */
    private ScenarioBuilder statements() {
        return scenario("statements").exec(session -> session.set("traced", ThreadLocalRandom.current().nextBoolean()))
                .exec(http(session -> session.getBoolean("traced") ? STATEMENT_TRACED : STATEMENT_UNTRACED)
                        .get(session -> gateway + "/accounts/" + anAccount() + "/statement")
                        .header("traceparent", session -> traceparent(session.getBoolean("traced")))
                        .check(status().is(200), jsonPath("$.ownerName").exists()));
    }

    /** A new trace the caller began: sampled ({@code 01}) or not ({@code 00}). */
    static String traceparent(boolean sampled) {
        var random = ThreadLocalRandom.current();
        return String.format(Locale.ROOT, "00-%016x%016x-%016x-%s", random.nextLong(), random.nextLong(),
                random.nextLong() | 1, sampled ? "01" : "00");
    }

    private static String anAccount() {
        return ACCOUNTS.get(ThreadLocalRandom.current().nextInt(ACCOUNTS.size()));
    }
}
