package org.erlbank.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static org.erlbank.load.ControlSteps.pauseUntil;
import static org.erlbank.load.ControlSteps.postToActuator;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One instance of customer-service against two, behind the gateway, in one run: users read customers through the
 * gateway as fast as they are answered (a closed model), in slices, with customer-service's second instance in the
 * rotation and out of it in turn ({@code /actuator/traffic}: its readiness down, which the gateway's health checks
 * see within a second; a gap between slices lets them see it, and its requests are not counted). After a warm-up with
 * both, the slices are two, one, two, one: the machine's drift touches both set-ups alike. {@link InstancesSummary}
 * prints the table and the ratio.
 *
 * <p>System properties: {@code erlbank.gateway}, {@code erlbank.customer-service-2.management} (its management URL),
 * the auth-server's (for the teller's token), and {@code instances.users} (16), {@code instances.slice} (10 s),
 * {@code instances.warm-up} (60 s, as the benchmark's), {@code instances.gap} (3 s), all in seconds.
 */
public class InstancesSimulation extends Simulation {

    static final String WARM_UP = "0 warm-up";
    static final String TWO = "instances · two";
    static final String ONE = "instances · one";
    static final String GAP = "gap";

    static final int USERS = Integer.getInteger("instances.users", 16);
    static final Duration SLICE = Duration.ofSeconds(Integer.getInteger("instances.slice", 10));
    static final Duration WARM = Duration.ofSeconds(Integer.getInteger("instances.warm-up", 60));
    static final Duration GAP_TIME = Duration.ofSeconds(Integer.getInteger("instances.gap", 3));
    /** Two instances, then one, twice over. */
    static final List<Boolean> SLICES_WITH_TWO = List.of(true, false, true, false);

    private final String gateway = System.getProperty("erlbank.gateway", "http://localhost:8080");
    private final String secondInstance = System.getProperty("erlbank.customer-service-2.management",
            "http://127.0.0.1:9181");
    private final AuthServerTokens tokens = AuthServerTokens.fromSystemProperties();
    private final List<String> customers = customers();
    private volatile long startedAt = System.currentTimeMillis();

    public InstancesSimulation() {
        setUp(reads().injectOpen(atOnceUsers(USERS)), control().injectOpen(atOnceUsers(1)))
                .protocols(BenchProtocol.asTeller(tokens))
                .maxDuration(total().plusSeconds(40));
    }

    @Override
    public void before() {
        startedAt = System.currentTimeMillis();
    }

    static Duration sliceStart(int slice) {
        return WARM.plus(GAP_TIME.plus(SLICE).multipliedBy(slice)).plus(GAP_TIME);
    }

    static Duration total() {
        return sliceStart(SLICES_WITH_TWO.size() - 1).plus(SLICE);
    }

    /** What a request sent now counts for. */
    String setUpNow() {
        var elapsed = Duration.ofMillis(System.currentTimeMillis() - startedAt);
        if (elapsed.compareTo(WARM) < 0) {
            return WARM_UP;
        }
        for (int slice = 0; slice < SLICES_WITH_TWO.size(); slice++) {
            var start = sliceStart(slice);
            if (elapsed.compareTo(start) >= 0 && elapsed.compareTo(start.plus(SLICE)) < 0) {
                return SLICES_WITH_TWO.get(slice) ? TWO : ONE;
            }
        }
        return GAP;
    }

    private ScenarioBuilder reads() {
        return scenario("customer reads").exec(during(total()).on(exec(http(session -> setUpNow())
                .get(session -> gateway + "/v2/customers/" + aCustomer()).check(status().is(200)))));
    }

    /** At each gap's start, the second instance in or out of the rotation; in again at the end, whatever happened. */
    private ScenarioBuilder control() {
        var steps = new ArrayList<ChainBuilder>();
        for (int slice = 0; slice < SLICES_WITH_TWO.size(); slice++) {
            steps.add(pauseUntil(() -> startedAt, sliceStart(slice).minus(GAP_TIME)));
            steps.add(traffic(SLICES_WITH_TWO.get(slice)));
        }
        steps.add(pauseUntil(() -> startedAt, total()));
        steps.add(traffic(true));
        return scenario("control").exec(steps);
    }

    private ChainBuilder traffic(boolean accept) {
        return postToActuator(GAP + " · customer-service-2 " + (accept ? "in" : "out"),
                secondInstance + "/actuator/traffic", "{\"accept\":" + accept + "}");
    }

    private String aCustomer() {
        return customers.get(ThreadLocalRandom.current().nextInt(customers.size()));
    }

    /** The first page of customers, as the teller sees it: the ones the users read. */
    private List<String> customers() {
        try {
            var answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway
                    + "/v2/customers?size=20")).header("Accept", "application/hal+json")
                    .header("Authorization", tokens.bearer(AuthServerTokens.TELLER)).build(),
                    HttpResponse.BodyHandlers.ofString());
            var ids = new ArrayList<String>();
            new ObjectMapper().readTree(answer.body()).path("_embedded").path("customers")
                    .forEach(customer -> ids.add(customer.path("id").asText()));
            if (ids.isEmpty()) {
                throw new IllegalStateException("no customers to read: " + answer.statusCode() + " " + answer.body());
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
