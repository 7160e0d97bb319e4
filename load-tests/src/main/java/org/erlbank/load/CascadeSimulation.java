package org.erlbank.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The cascading-failure demo: a steady, open-model load through the gateway, half bank statements (they ask
 * customer-service for the owner's name) and half plain account reads (they never do), while a control user walks
 * through the phases:
 *
 * <ol>
 * <li>warm-up: the JVMs compile the hot paths, the breaker forced open for its middle third so that degraded
 * statements are among them (not reported);</li>
 * <li>baseline: everything healthy, protection on;</li>
 * <li>unprotected: account-service's protection switched off, customer-service hangs;</li>
 * <li>recovery: customer-service answers again, protection on again (not reported);</li>
 * <li>protected: customer-service hangs again, protection on;</li>
 * <li>switch-over: customer-service answers again, statements take the owner's name from account-service's replica
 * (fed by the customer feed) instead of asking customer-service; meanwhile one user renames an account's owner
 * again and again and times how long each rename takes to reach that account's statement, the replication lag
 * (not reported as a run: its numbers are the lags, see {@link ReplicationLag});</li>
 * <li>replica: customer-service hangs again, statements from the replica: each must be complete (not degraded, the
 * owner's name in it), else it counts as an error;</li>
 * <li>lookup again: customer-service healthy, owners' names looked up, the breaker closed (not reported);</li>
 * <li>auth-server hanging: auth-server stopped with SIGSTOP (it accepts connections and never answers, the worst
 * case) and account-service's cached tokens forgotten, so that its next call to customer-service needs a new token
 * and meets the hang; the statements must all be answered (degraded), the guard around the call covering the token
 * request as it covers customer-service. The load's own tokens were got before (see below) and the services check
 * tokens with keys they hold, so nothing else meets the hang. Then SIGCONT. Only with auth-server's process id
 * ({@code demo.auth-server-pid}).</li>
 * </ol>
 *
 * Every request is named after the phase it was sent in ("unprotected · account"), so Gatling's report has one row
 * per phase and endpoint, and its charts over time show the whole story on one screen. While the breaker is open in
 * the protected phase (from a few seconds after customer-service starts hanging; it stays open while customer-service
 * hangs, account-service's own probe finding no answer), a probe asks account-service directly for statements, to
 * measure what an open breaker costs there, without the gateway's hop. In the protected run and while auth-server
 * hangs, the breaker's state is watched ({@link BreakerWatch}): the statements sent after it first opened that still
 * waited, and how long after the recovery it closed.
 *
 * <p>Every request carries the teller's token from auth-server ({@link AuthServerTokens}: the teller reads every
 * account and statement, and may rename a customer), the probe's too; a header function reads it per request, so a
 * renewed token is used as soon as it is there. auth-server's address: the system property
 * {@code erlbank.auth-server}.
 *
 * <p>The load is an open model (users arrive at a fixed rate whatever the system does), as real clients do: a
 * closed model would slow down with the system and hide the cascade. Settings are system properties (see
 * {@link CascadeSettings}); {@code ./erlbank demo cascade} passes the running system's addresses.
 */
public class CascadeSimulation extends Simulation {

    /** The phase requests are sent in now; the control user moves it on. */
    private static volatile String phase = Phase.WARM_UP;

    private final CascadeSettings settings = CascadeSettings.fromSystemProperties();

    private final ReplicationLag.Recorder lags = new ReplicationLag.Recorder();

    private final AuthServerHang.Recorder hang = new AuthServerHang.Recorder();

    /** What the breaker cost users in the runs with a hanging dependency (see {@link BreakerWatch}). */
    private final BreakerWatch.Recorder breakerWatch = new BreakerWatch.Recorder(settings.accountServiceManagement());

    private final AuthServerTokens tokens = AuthServerTokens.fromSystemProperties();

    private volatile long startedAt = System.currentTimeMillis();

    private final HttpProtocolBuilder gateway = http.baseUrl(settings.gateway())
            .acceptHeader("application/hal+json")
            .userAgentHeader("erlbank-cascade-demo (Gatling)")
            .header("Authorization", this::teller)
            .disableCaching();

    public CascadeSimulation() {
        var timeline = settings.timeline();
        var load = constantUsersPerSec(settings.ratePerEndpoint()).during(timeline.total());
        var probeStart = timeline.protectedStart().plus(settings.breakerSettle());
        setUp(
                statements().injectOpen(load),
                accounts().injectOpen(constantUsersPerSec(settings.ratePerEndpoint()).during(timeline.total())),
                probe().injectOpen(nothingFor(timeline.breakerRehearsalStart()),
                        constantUsersPerSec(settings.probeRate()).during(timeline.breakerRehearsal()),
                        nothingFor(probeStart.minus(timeline.breakerRehearsalStart())
                                .minus(timeline.breakerRehearsal())),
                        constantUsersPerSec(settings.probeRate()).during(settings.probeWindow()))
                        // Kept-alive connections, as the gateway's own client holds them to account-service.
                        .protocols(http.acceptHeader("application/hal+json").header("Authorization", this::teller)
                                .shareConnections()),
                replicationLag(timeline).injectOpen(
                        nothingFor(timeline.switchoverStart().plus(settings.lag().settle())), atOnceUsers(1)),
                control(timeline).injectOpen(atOnceUsers(1)))
                .protocols(gateway)
                .maxDuration(timeline.total().plus(settings.requestTimeout()).plusSeconds(30));
    }

    /**
     * Statements; from the replica while customer-service hangs, each must be complete; while auth-server hangs,
     * counted: degraded or not, and how long each took.
     */
    private ScenarioBuilder statements() {
        return scenario("statements").doIfOrElse(session -> Phase.REPLICA.equals(phase))
                .then(exec(statement().check(jsonPath("$.degraded").ofBoolean().is(false),
                        jsonPath("$.ownerNameSource").is("replica"), jsonPath("$.ownerName").exists())))
                .orElse(doIfOrElse(session -> Phase.AUTH_SERVER_HANG.equals(phase))
                        .then(exec(session -> session.set("run", phase).set("sentAt", System.nanoTime()))
                                .exec(statement().check(jsonPath("$.degraded").ofBoolean().saveAs("degraded"),
                                        responseTimeInMillis().saveAs("millis")))
                                .exec(session -> {
                                    if (session.contains("degraded") && session.contains("millis")) {
                                        hang.answered(session.getBoolean("degraded"), session.getInt("millis"));
                                    }
                                    return watched(session);
                                }))
                        .orElse(exec(session -> session.set("run", phase).set("sentAt", System.nanoTime()))
                                .exec(http(session -> phase + " · statement")
                                        .get(session -> "/accounts/" + anAccount() + "/statement")
                                        // Its time first: kept whatever the answer (a statement that got none counts
                                        // as one that waited).
                                        .check(responseTimeInMillis().saveAs("millis"), status().is(200)))
                                .exec(this::watched)));
    }

    /** A statement sent after the breaker opened in a run it watches: counted (see {@link BreakerWatch}). */
    private Session watched(Session session) {
        breakerWatch.statement(session.getString("run"), session.getLong("sentAt"),
                session.contains("millis") ? session.getInt("millis") : null);
        return session;
    }

    private HttpRequestActionBuilder statement() {
        return http(session -> phase + " · statement").get(session -> "/accounts/" + anAccount() + "/statement")
                .check(status().is(200));
    }

    /**
     * The replication lag: renames the owner of one account through the gateway, and reads that account's statement
     * until it shows the new name, again and again through the switch-over, then names her back. A random pause
     * between renames, so that they fall anywhere in the replica's poll interval.
     */
    private ScenarioBuilder replicationLag(CascadeSettings.Timeline timeline) {
        var window = timeline.switchover().minus(settings.lag().settle()).minusSeconds(3);
        return scenario("replication lag")
                .exec(http("lag · account").get("/accounts/" + settings.lag().account())
                        .check(status().is(200), jsonPath("$._links.owner.href").saveAs("owner")))
                .exec(http("lag · owner").get("#{owner}").check(status().is(200), header("ETag").saveAs("etag"),
                        jsonPath("$.givenName").saveAs("givenName"), jsonPath("$.surname").saveAs("original")))
                .exitHereIfFailed()
                .during(window.isNegative() || window.isZero() ? Duration.ofSeconds(1) : window, false).on(
                        rename(session -> session.getString("original") + " (renamed)"),
                        rename(session -> session.getString("original")));
    }

    private ChainBuilder rename(Function<Session, String> surname) {
        var statement = "/accounts/" + settings.lag().account() + "/statement";
        return exec(session -> session.set("surname", surname.apply(session)).set("seen", ""))
                .exec(http("lag · rename").put("#{owner}").header("Content-Type", "application/json")
                        .header("If-Match", "#{etag}")
                        .body(StringBody(session -> "{\"givenName\":%s,\"surname\":%s}".formatted(
                                json(session.getString("givenName")), json(session.getString("surname")))))
                        .check(status().is(200), header("ETag").saveAs("etag")))
                .exitHereIfFailed()
                .exec(session -> session.set("renamedAt", System.nanoTime()))
                .asLongAsDuring(session -> !arrived(session), settings.lag().timeout()).on(
                        exec(http("lag · statement").get(statement)
                                .check(status().is(200), jsonPath("$.ownerName").optional().saveAs("seen"))),
                        pause(Duration.ofMillis(20)))
                .exec(session -> {
                    if (arrived(session)) {
                        lags.arrived((System.nanoTime() - session.getLong("renamedAt")) / 1_000_000);
                    } else {
                        lags.missed();
                    }
                    return session;
                })
                .pause(Duration.ZERO, Duration.ofSeconds(1));
    }

    private static boolean arrived(Session session) {
        return session.getString("seen").equals(session.getString("givenName") + " " + session.getString("surname"));
    }

    private static String json(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private ScenarioBuilder accounts() {
        return scenario("plain account reads").exec(http(session -> phase + " · account")
                .get(session -> "/accounts/" + anAccount())
                .check(status().is(200)));
    }

    /**
     * Statements straight from account-service while its breaker is open: each must say it was degraded because
     * the breaker is open (else it is an error: the probe measured something else, a half-open trial call say).
     */
    private ScenarioBuilder probe() {
        return scenario("probe at account-service").exec(http(session -> phase + " · statement at account-service")
                .get(session -> settings.accountService() + "/accounts/" + anAccount() + "/statement")
                .check(status().is(200), jsonPath("$.degraded").ofBoolean().is(true),
                        substring("its circuit breaker is open").exists()));
    }

    private ScenarioBuilder control(CascadeSettings.Timeline timeline) {
        return scenario("control").exec(
                // From a known state: customer-service healthy, calls protected, owners' names looked up.
                clearFault(), protection(true), ownerNames("lookup"),
                // A rehearsal in the warm-up: the breaker forced open for a while, so that the path of a degraded
                // statement is as warm as the others when the protected phase measures it.
                pauseUntil(timeline.breakerRehearsalStart()), breaker("FORCE_OPEN"),
                pauseUntil(timeline.breakerRehearsalStart().plus(timeline.breakerRehearsal())), breaker("CLOSE"),
                // Each phase is entered (its requests named) a moment before the system changes, so that no
                // request of the phase before is still in flight when customer-service starts to hang.
                pauseUntil(timeline.baselineStart()), enter(Phase.BASELINE),
                pauseUntil(timeline.unprotectedStart()), enter(Phase.UNPROTECTED), settle(), protection(false),
                hang(),
                pauseUntil(timeline.recoveryStart()), enter(Phase.RECOVERY), clearFault(), protection(true),
                pauseUntil(timeline.protectedStart()), enter(Phase.PROTECTED), watchBreaker(Phase.PROTECTED), settle(),
                hang(),
                pauseUntil(timeline.switchoverStart()), enter(Phase.SWITCHOVER), clearFault(),
                recovered(Phase.PROTECTED), ownerNames("replica"),
                pauseUntil(timeline.replicaStart()), enter(Phase.REPLICA), settle(), hang(),
                pauseUntil(timeline.lookupAgainStart()), exec(authServerHangs(timeline)),
                pauseUntil(timeline.total()), enter(Phase.AFTER), clearFault(), ownerNames("lookup"));
    }

    /** The last run, auth-server hanging, with the phase before it; nothing without auth-server's process id. */
    private List<ChainBuilder> authServerHangs(CascadeSettings.Timeline timeline) {
        var steps = new ArrayList<ChainBuilder>();
        if (timeline.authServerHang().isZero()) {
            steps.add(exec(session -> session));
            return steps;
        }
        // From a known state: statements ask customer-service again, and a closed breaker (after the replica run
        // nothing called customer-service, so the protected run's breaker could still be half open).
        // Entered a moment before the switch, as every phase: a replica-run statement still in flight is answered
        // from the replica, as its check expects.
        steps.add(exec(enter(Phase.LOOKUP_AGAIN), settle(), clearFault(), ownerNames("lookup"), breaker("CLOSE")));
        steps.add(pauseUntil(timeline.authServerHangStart()));
        steps.add(exec(enter(Phase.AUTH_SERVER_HANG),
                // The load's own token must outlast the hang: renewed now if it would be renewed (or expire) in it.
                exec(session -> {
                    tokens.keepValidFor(AuthServerTokens.TELLER,
                            timeline.authServerHang().plus(settings.requestTimeout()).plusSeconds(10));
                    return session;
                }),
                watchBreaker(Phase.AUTH_SERVER_HANG), settle(), authServerSignal("STOP"), forgetServiceTokens()));
        steps.add(pauseUntil(timeline.total()));
        steps.add(authServerSignal("CONT"));
        steps.add(recovered(Phase.AUTH_SERVER_HANG));
        return steps;
    }

    private ChainBuilder pauseUntil(Duration since) {
        return ControlSteps.pauseUntil(() -> startedAt, since);
    }

    private ChainBuilder watchBreaker(String run) {
        return exec(session -> {
            breakerWatch.watch(run);
            return session;
        });
    }

    private ChainBuilder recovered(String run) {
        return exec(session -> {
            breakerWatch.recovered(run);
            return session;
        });
    }

    @Override
    public void after() {
        // Until the breaker closes after the last recovery (a probe's interval and a token, normally), at most 20 s.
        var watched = breakerWatch.finish(Duration.ofSeconds(20));
        System.out.println();
        watched.forEach(watch -> System.out.println("Circuit breaker, " + watch));
        var breakerFile = System.getProperty("demo.breaker-file", "");
        if (!breakerFile.isEmpty()) {
            try {
                BreakerWatch.write(Path.of(breakerFile), watched);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!settings.authServerPid().isEmpty()) {
            // Whatever happened to the control user: auth-server runs again (the launcher makes sure too).
            signal("CONT");
            var counts = hang.counts();
            System.out.printf("%nWhile auth-server hung: %s%n", counts);
            if (!settings.hangFile().isEmpty()) {
                try {
                    counts.write(Path.of(settings.hangFile()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        var lag = lags.lag();
        System.out.printf("%nReplication lag (a rename until a statement shows it): %s%n", lag);
        if (!settings.lag().file().isEmpty()) {
            try {
                lag.write(Path.of(settings.lag().file()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The teller's token, held (and renewed) by {@link AuthServerTokens}: never a login per request. */
    private String teller(Session session) {
        return tokens.bearer(AuthServerTokens.TELLER);
    }

    @Override
    public void before() {
        // The first login before the clock starts: a wrong password or a missing auth-server fails here, clearly.
        tokens.token(AuthServerTokens.TELLER);
        startedAt = System.currentTimeMillis();
        System.out.printf("Cascade demo: %s per endpoint and second through %s; phases %s%n",
                settings.ratePerEndpoint(), settings.gateway(), settings.timeline());
    }

    private static ChainBuilder settle() {
        return pause(Duration.ofMillis(500));
    }

    private static ChainBuilder enter(String next) {
        return exec((Session session) -> {
            phase = next;
            System.out.printf("%n>>> %s%n", Phase.describe(next));
            return session;
        });
    }

    private ChainBuilder hang() {
        return ControlSteps.customerServiceFault(settings.customerServiceManagement(),
                "control · customer-service hangs", "{\"mode\":\"hang\"}");
    }

    private ChainBuilder clearFault() {
        return ControlSteps.customerServiceFault(settings.customerServiceManagement(),
                "control · customer-service healthy", "{\"mode\":\"clear\"}");
    }

    /** Sends auth-server a signal: STOP (it hangs: connections accepted, never answered) or CONT. */
    private ChainBuilder authServerSignal(String signal) {
        return exec(session -> {
            signal(signal);
            return session;
        });
    }

    private void signal(String signal) {
        try {
            var kill = new ProcessBuilder("kill", "-" + signal, settings.authServerPid()).inheritIO().start();
            if (kill.waitFor() != 0) {
                System.err.printf("Could not send SIG%s to auth-server (pid %s)%n", signal, settings.authServerPid());
            } else {
                System.out.printf("%n>>> auth-server (pid %s): SIG%s%n", settings.authServerPid(), signal);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** account-service forgets its tokens: its next call to customer-service must get a new one from auth-server. */
    private ChainBuilder forgetServiceTokens() {
        return ControlSteps.deleteAtActuator("control · account-service forgets its tokens",
                settings.accountServiceManagement() + "/actuator/servicetokens");
    }

    private ChainBuilder breaker(String state) {
        return ControlSteps.postToActuator("control · breaker " + state,
                settings.accountServiceManagement() + "/actuator/circuitbreakers/customer-service",
                "{\"updateState\":\"" + state + "\"}");
    }

    private ChainBuilder protection(boolean enabled) {
        return ControlSteps.postToActuator("control · protection " + (enabled ? "on" : "off"),
                settings.accountServiceManagement() + "/actuator/protection", "{\"enabled\":" + enabled + "}");
    }

    private ChainBuilder ownerNames(String source) {
        return ControlSteps.postToActuator("control · owners' names from the " + source,
                settings.accountServiceManagement() + "/actuator/ownernames", "{\"source\":\"" + source + "\"}");
    }

    private String anAccount() {
        var accounts = settings.accounts();
        return accounts.get(ThreadLocalRandom.current().nextInt(accounts.size()));
    }

    /** The phases' names, as they appear in the report. */
    static final class Phase {
        static final String WARM_UP = "0 warm-up";
        static final String BASELINE = "1 baseline";
        static final String UNPROTECTED = "2 unprotected";
        static final String RECOVERY = "3 recovery";
        static final String PROTECTED = "4 protected";
        static final String SWITCHOVER = "5 switch-over";
        static final String REPLICA = "6 replica";
        static final String LOOKUP_AGAIN = "7 lookup again";
        static final String AUTH_SERVER_HANG = "8 auth-server hanging";
        static final String AFTER = "9 after";

        private static final Map<String, String> DESCRIPTIONS = Map.of(
                BASELINE, "baseline: customer-service healthy, calls protected",
                UNPROTECTED, "unprotected: protection OFF, customer-service hangs",
                RECOVERY, "recovery: customer-service healthy again, protection on",
                PROTECTED, "protected: protection ON, customer-service hangs",
                SWITCHOVER, "switch-over: customer-service healthy, owners' names from the REPLICA; measuring the"
                        + " replication lag",
                REPLICA, "replica: owners' names from the REPLICA, customer-service hangs",
                LOOKUP_AGAIN, "lookup again: customer-service healthy, owners' names looked up, breaker closed",
                AUTH_SERVER_HANG, "auth-server hanging (SIGSTOP), account-service's tokens forgotten, protection ON",
                AFTER, "done: customer-service healthy, auth-server running, protection on, owners' names looked up");

        static String describe(String phase) {
            return DESCRIPTIONS.getOrDefault(phase, phase);
        }

        static List<String> reported() {
            return List.of(BASELINE, UNPROTECTED, PROTECTED, REPLICA, AUTH_SERVER_HANG);
        }

        private Phase() {
        }
    }
}
