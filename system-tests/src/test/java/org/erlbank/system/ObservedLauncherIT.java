package org.erlbank.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.erlbank.system.Erlbank.within;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Erlbank observed, as a person would look at it ({@code ./erlbank up -d --observe}): a statement through the
 * gateway is one trace in Zipkin, found by the trace id the gateway answered with, with every service's spans nested
 * as the calls were (the database and the token fetch included) and shown in a real browser; Prometheus scrapes every
 * instance, and the breaker's series steps while a shortened cascade demo runs, whose links to traces and to
 * Prometheus' graph lead to what they promise. The screenshots are kept in {@code target/} (the README's pictures).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservedLauncherIT {

    private static final Erlbank erlbank = new Erlbank();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration SPANS_ARRIVE = Duration.ofSeconds(30);
    private static final String STATEMENT_SPAN = "http get /accounts/{accountnumber}/statement";

    @AfterAll
    static void stopEverything() {
        erlbank.run("down");
    }

    @Test
    @Order(1)
    void upObservedStartsZipkinAndPrometheusOnLoopbackAndTheRootLinksThem() throws Exception {
        var up = erlbank.run("up", "-d", "--observe");

        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.stdout()).contains("zipkin is ready", "prometheus is ready", "gateway is healthy",
                "traces         " + erlbank.zipkin() + "/zipkin/", "metrics        " + erlbank.prometheus() + "/");
        var status = erlbank.run("status");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.stdout()).containsPattern("zipkin +" + erlbank.zipkinPort + " +\\d+ +UP")
                .containsPattern("prometheus +" + erlbank.prometheusPort + " +\\d+ +UP");
        var listening = ListeningSockets.read();
        for (var port : List.of(erlbank.zipkinPort, erlbank.prometheusPort)) {
            assertThat(listening.addressesOf(port)).as("where port %d listens", port).isNotEmpty()
                    .allSatisfy(address -> assertThat(address.isLoopbackAddress()).isTrue());
        }
        var root = JSON.readTree(erlbank.getAnonymously(erlbank.gateway() + "/").body()).path("_links");
        assertThat(root.path("traces").path("href").asString()).isEqualTo(erlbank.zipkin() + "/zipkin/");
        assertThat(root.path("metrics").path("href").asString()).isEqualTo(erlbank.prometheus() + "/");
    }

    /**
     * One statement, one trace: the gateway's span, inside it account-service's, inside that its queries, its token
     * request to auth-server (its tokens forgotten first) and its call to customer-service, inside which
     * customer-service's span and query; account-service's span says customer-service answered.
     */
    @Test
    @Order(2)
    void aStatementIsOneTraceWithEveryServicesSpansNestedAsTheCallsWere() throws Exception {
        var forget = erlbank.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + erlbank.accountServiceManagementPort + "/actuator/servicetokens")).DELETE().build());
        assertThat(forget.statusCode()).isBetween(200, 204);

        var statement = erlbank.getAs("ada", erlbank.gateway() + "/accounts/10000001/statement");

        assertThat(statement.statusCode()).as(statement.body()).isEqualTo(200);
        var traceResponse = statement.headers().firstValue("traceresponse").orElseThrow();
        assertThat(traceResponse).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        var traceId = traceResponse.substring(3, 35);
        var trace = Trace.await(traceId, spans -> spans.complete() && spans.serverSpansOf().containsAll(
                List.of("gateway", "account-service", "customer-service", "auth-server")));

        var root = trace.single(span -> span.parentId() == null);
        assertThat(root.service()).isEqualTo("gateway");
        assertThat(root.kind()).isEqualTo("SERVER");
        assertThat(root.id()).isEqualTo(traceResponse.substring(36, 52));
        var accountService = trace.single(span -> span.service().equals("account-service")
                && "SERVER".equals(span.kind()));
        assertThat(accountService.name()).isEqualTo(STATEMENT_SPAN);
        var proxied = trace.parentOf(accountService);
        assertThat(proxied.service()).isEqualTo("gateway");
        assertThat(proxied.kind()).isEqualTo("CLIENT");
        assertThat(trace.parentOf(proxied)).isEqualTo(root);
        assertThat(accountService.tags()).containsEntry("erlbank.customer-service", "answered")
                .containsEntry("erlbank.customer-service.guarded", "true").containsEntry("erlbank.owner-name", "lookup");

        var customerService = trace.single(span -> span.service().equals("customer-service")
                && "SERVER".equals(span.kind()));
        assertThat(customerService.name()).isEqualTo("http get /customers/{customerid}");
        var lookup = trace.parentOf(customerService);
        assertThat(lookup.service()).isEqualTo("account-service");
        assertThat(lookup.kind()).isEqualTo("CLIENT");
        assertThat(trace.isInside(lookup, accountService)).isTrue();
        var tokenEndpoint = trace.single(span -> span.service().equals("auth-server")
                && "SERVER".equals(span.kind()));
        assertThat(tokenEndpoint.tags().get("http.url")).isEqualTo("/oauth2/token");
        assertThat(trace.isInside(tokenEndpoint, accountService)).as("the token fetch belongs to the statement")
                .isTrue();
        assertThat(trace.spans()).as("account-service's queries, inside its span")
                .anySatisfy(span -> {
                    assertThat(span.service()).isEqualTo("account-service");
                    assertThat(span.name()).isEqualTo("query");
                    assertThat(span.tags().get("jdbc.query[0]")).contains("from account");
                    assertThat(trace.isInside(span, accountService)).isTrue();
                })
                .anySatisfy(span -> {
                    assertThat(span.service()).isEqualTo("customer-service");
                    assertThat(span.name()).isEqualTo("query");
                    assertThat(trace.isInside(span, customerService)).isTrue();
                });

        Browser.assumeInstalled();
        try (var browser = Browser.start()) {
            // Tall enough for every row of the statement's trace.
            var page = browser.windowSize(1400, 1500).open(erlbank.zipkin() + "/zipkin/traces/" + traceId);
            // The timeline's rows, service: span (the rows below the window's height are drawn when scrolled to).
            page.waitUntilTextAppears("gateway: http get /accounts/**");
            page.waitUntilTextAppears("account-service: " + STATEMENT_SPAN);
            page.waitUntilTextAppears("customer-service: http get /customers/{customerid}");
            page.screenshot(Path.of("target/zipkin-statement-trace.png"));
        }
    }

    /**
     * Prometheus scrapes every instance (the gateway's metrics with a token of its own); during a shortened cascade
     * demo the breaker's recorded series steps from closed to open and back; the demo's links lead to a trace of each
     * kind of statement it promises, and to Prometheus' graph of the breaker, shown in a real browser.
     */
    @Test
    @Order(3)
    void prometheusScrapesEveryInstanceAndTheDemoLinksToItsTracesAndTheBreakersGraph() throws Exception {
        within(Duration.ofSeconds(30), () -> {
            var targets = JSON.readTree(erlbank.get(erlbank.prometheus() + "/api/v1/targets").body())
                    .path("data").path("activeTargets");
            var health = new java.util.TreeMap<String, String>();
            targets.forEach(target -> health.put(target.path("labels").path("instance").asString(),
                    target.path("health").asString() + " " + target.path("lastError").asString()));
            assertThat(health).containsOnlyKeys("auth-server", "customer-service", "account-service", "gateway")
                    .allSatisfy((instance, state) -> assertThat(state).as(instance).isEqualTo("up "));
        });

        var began = Instant.now();
        var demo = erlbank.with("ERLBANK_DEMO_OPTS", "-Ddemo.warm-up=4 -Ddemo.baseline=6 -Ddemo.fault=14"
                + " -Ddemo.recovery=6 -Ddemo.probe-window=4 -Ddemo.switchover=10 -Ddemo.auth-server-hang=8")
                .run("demo", "cascade");
        erlbank.with("ERLBANK_DEMO_OPTS", "");
        var ended = Instant.now();

        assertThat(demo.exitCode()).as(demo.output()).isZero();
        System.out.println("[measured] observed cascade demo:" + System.lineSeparator() + demo.stdout());
        var links = demo.stdout().substring(demo.stdout().indexOf("Pictures (Zipkin and Prometheus"));
        assertThat(links).doesNotContain("none found");
        var traces = Pattern.compile(Pattern.quote(erlbank.zipkin() + "/zipkin/traces/") + "([0-9a-f]{32})")
                .matcher(links).results().map(match -> match.group(1)).toList();
        assertThat(traces).as(links).hasSize(4);
        assertThat(statementOf(traces.get(0)).tags()).containsEntry("erlbank.customer-service", "answered");
        var stuck = statementOf(traces.get(1));
        assertThat(stuck.tags()).containsEntry("erlbank.customer-service.guarded", "false");
        assertThat(stuck.durationMicros()).as("waited on the hanging customer-service").isGreaterThan(1_000_000);
        var answeredByTheBreaker = statementOf(traces.get(2));
        assertThat(answeredByTheBreaker.tags()).containsEntry("erlbank.customer-service", "breaker-open")
                .containsEntry("erlbank.customer-service.calls", "0");
        assertThat(answeredByTheBreaker.durationMicros()).isLessThan(1_000_000);
        assertThat(statementOf(traces.get(3)).tags()).containsEntry("erlbank.owner-name", "replica");

        // The breaker over the demo's time: closed (0), open (1) while customer-service hung, closed again.
        var range = JSON.readTree(erlbank.get(erlbank.prometheus() + "/api/v1/query_range?query="
                + URLEncoder.encode("erlbank:breaker_open", StandardCharsets.UTF_8) + "&start="
                + began.getEpochSecond() + "&end=" + (ended.getEpochSecond() + 5) + "&step=2").body());
        var values = new ArrayList<String>();
        range.path("data").path("result").forEach(series -> series.path("values")
                .forEach(sample -> values.add(sample.get(1).asString())));
        assertThat(values).as(range.toString()).contains("0", "1");
        // Closed again once customer-service was back (the demo's last run, auth-server hanging, opens it anew).
        assertThat(values.subList(values.indexOf("1"), values.size())).as("closed after it opened").contains("0");
        var p99 = JSON.readTree(erlbank.get(erlbank.prometheus() + "/api/v1/query?query=" + URLEncoder.encode(
                "max_over_time(erlbank:latency_seconds:p99_30s{job=\"account-service\"}[10m])",
                StandardCharsets.UTF_8)).body());
        assertThat(p99.path("data").path("result").size()).as(p99.toString()).isPositive();

        var graph = links.lines().map(String::strip).filter(line -> line.startsWith(erlbank.prometheus() + "/graph?"))
                .findFirst().orElseThrow();
        Browser.assumeInstalled();
        try (var browser = Browser.start()) {
            var page = browser.open(graph);
            // The legend names each series once the graph is drawn.
            page.waitUntilTextAppears("name=\"customer-service\"");
            page.screenshot(Path.of("target/prometheus-breaker-and-p99.png"));
            page.open(erlbank.zipkin() + "/zipkin/traces/" + traces.get(1));
            page.waitUntilTextAppears("account-service: " + STATEMENT_SPAN);
            page.screenshot(Path.of("target/zipkin-unprotected-statement.png"));
        }
    }

    /** A shortened tracing benchmark on the observed system: its table, its ratios, no failed request. */
    @Test
    @Order(4)
    void theTracingBenchmarkMeasuresTracedAgainstNotSampledRequests() throws Exception {
        var bench = erlbank.with("ERLBANK_BENCH_OPTS", "-Dtracing.warm-up=10 -Dtracing.users=4 -Dtracing.slice=3"
                + " -Dtracing.rate=20 -Dtracing.moderate=6").run("bench", "tracing");
        erlbank.with("ERLBANK_BENCH_OPTS", "");

        assertThat(bench.exitCode()).as(bench.output()).isZero();
        System.out.println("[measured] shortened tracing benchmark:" + System.lineSeparator() + bench.stdout());
        var out = bench.stdout();
        for (var setUp : List.of("account reads via the gateway, traced", "account reads via the gateway, not sampled",
                "account reads direct, traced", "account reads direct, not sampled",
                "statements via the gateway (20/s), traced", "statements via the gateway (20/s), not sampled")) {
            var row = Pattern.compile(Pattern.quote(setUp) + " +(\\d+) +(\\d+) ").matcher(out);
            assertThat(row.find()).as(setUp + " in " + out).isTrue();
            assertThat(Long.parseLong(row.group(1))).as(setUp).isPositive();
            assertThat(Long.parseLong(row.group(2))).as(setUp + ": failed requests").isZero();
        }
        assertThat(out).containsPattern("gateway / direct at saturation: \\d+\\.\\d\\d x traced, \\d+\\.\\d\\d x not"
                + " sampled").containsPattern("tracing's cost: reads through the gateway \\d+\\.\\d\\d x the throughput"
                + " not sampled; a statement [+-]\\d+ ms at p50, [+-]\\d+ ms at p99");
        // What the benchmark relies on: a request whose traceparent is sampled is traced through to Zipkin, one that
        // is not leaves no span there. The one not sampled first: each service sends its spans in the order they
        // end, so once the sampled one's are in Zipkin, the other's would be too.
        var sampled = "1" + "0".repeat(30) + "1";
        var notSampled = "2" + "0".repeat(30) + "2";
        for (var trace : List.of(notSampled + "-0000000000000002-00", sampled + "-0000000000000001-01")) {
            var read = erlbank.sendAs("ada", HttpRequest.newBuilder(URI.create(erlbank.gateway() + "/accounts/10000001"))
                    .header("traceparent", "00-" + trace).build());
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.headers().firstValue("traceresponse").orElseThrow()).startsWith("00-" + trace.substring(0, 32))
                    .endsWith(trace.substring(trace.length() - 3));
        }
        assertThat(Trace.await(sampled, spans -> spans.complete() && spans.serverSpansOf().contains("account-service"))
                .spans()).isNotEmpty();
        assertThat(erlbank.get(erlbank.zipkin() + "/api/v2/trace/" + notSampled).statusCode()).isEqualTo(404);
        assertThat(erlbank.run("status").exitCode()).as("still running, observed").isZero();
    }

    @Test
    @Order(5)
    void downStopsZipkinAndPrometheusToo() {
        var down = erlbank.run("down");

        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(Erlbank.isListening(erlbank.zipkinPort)).isFalse();
        assertThat(Erlbank.isListening(erlbank.prometheusPort)).isFalse();
        assertThat(erlbank.runDir.resolve("observe")).doesNotExist();
    }

    private static Span statementOf(String traceId) throws Exception {
        var trace = Trace.await(traceId, spans -> spans.complete() && spans.spans().stream()
                .anyMatch(span -> span.name().equals(STATEMENT_SPAN)));
        return trace.single(span -> span.name().equals(STATEMENT_SPAN) && "SERVER".equals(span.kind()));
    }

    record Span(String id, String parentId, String service, String kind, String name, long durationMicros,
            Map<String, String> tags) {

        static Span of(JsonNode json) {
            var tags = new java.util.TreeMap<String, String>();
            json.path("tags").properties().forEach(tag -> tags.put(tag.getKey(), tag.getValue().asString()));
            return new Span(json.path("id").asString(), json.has("parentId") ? json.path("parentId").asString() : null,
                    json.path("localEndpoint").path("serviceName").asString(),
                    json.has("kind") ? json.path("kind").asString() : null, json.path("name").asString(),
                    json.path("duration").asLong(), tags);
        }
    }

    /** A trace as Zipkin's API returns it. */
    record Trace(List<Span> spans) {

        /** Zipkin's trace once it satisfies the condition: spans arrive in batches, a second or so late. */
        static Trace await(String traceId, java.util.function.Predicate<Trace> complete) throws Exception {
            long deadline = System.nanoTime() + SPANS_ARRIVE.toNanos();
            Trace trace = new Trace(List.of());
            while (System.nanoTime() < deadline) {
                var answer = erlbank.get(erlbank.zipkin() + "/api/v2/trace/" + traceId);
                if (answer.statusCode() == 200) {
                    var spans = new ArrayList<Span>();
                    JSON.readTree(answer.body()).forEach(span -> spans.add(Span.of(span)));
                    trace = new Trace(spans);
                    if (complete.test(trace)) {
                        return trace;
                    }
                }
                Thread.sleep(250);
            }
            throw new AssertionError("Zipkin's trace " + traceId + " stayed incomplete: " + trace);
        }

        /** The services that sent the span of a request they served. */
        java.util.Set<String> serverSpansOf() {
            return spans.stream().filter(span -> "SERVER".equals(span.kind())).map(Span::service)
                    .collect(Collectors.toCollection(HashSet::new));
        }

        /**
         * Whether every span's parent has arrived, but the root's (none, or the caller's when it sent a traceparent):
         * a span is sent when it ends, so a request's span comes after those of everything it called.
         */
        boolean complete() {
            var byId = byId();
            return spans.stream().filter(span -> span.parentId() == null || !byId.containsKey(span.parentId()))
                    .count() == 1;
        }

        Span single(java.util.function.Predicate<Span> which) {
            var found = spans.stream().filter(which).toList();
            assertThat(found).as("in %s", this).hasSize(1);
            return found.get(0);
        }

        Span parentOf(Span span) {
            return byId().get(span.parentId());
        }

        /** Whether inner is a descendant of outer. */
        boolean isInside(Span inner, Span outer) {
            var byId = byId();
            for (var at = byId.get(inner.parentId()); at != null; at = byId.get(at.parentId())) {
                if (at.id().equals(outer.id())) {
                    return true;
                }
            }
            return false;
        }

        private Map<String, Span> byId() {
            return spans.stream().collect(Collectors.toMap(Span::id, Function.identity(), (a, b) -> a));
        }
    }
}
