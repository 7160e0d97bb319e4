package org.erlbank.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the benchmark runs against, and how hard and how long: system properties ({@code bench.*}), each with the
 * default that fits {@code ./erlbank up} on its default ports. {@code ./erlbank bench} passes the running system's
 * addresses; {@code ERLBANK_BENCH_OPTS} changes the rest.
 *
 * @param gateway                   the entry point
 * @param accountService            account-service's own address: the same requests without the gateway
 * @param customerServiceManagement customer-service's management port (the injected latency)
 * @param accounts                  the accounts to read (the demo accounts)
 * @param warmUp                    mixed load before anything is measured, for the JIT: 4 minutes, since the
 *                                  gateway's compiler alone needs about 45 s of CPU on two cores that the load
 *                                  shares (after 60 s the gateway had reached half of its steady throughput)
 * @param warmUpUsers               users that send the warm-up's requests, each the next as soon as the last is
 *                                  answered
 * @param moderateRate              requests per second, direct and through the gateway each, in the moderate run
 * @param moderate                  how long the moderate run lasts
 * @param saturationUsers           users that each send the next request as soon as the last is answered
 * @param saturationSlice           how long one slice of the saturation run lasts; direct and gateway alternate,
 *                                  a slice each to warm up, then two each measured, so that a drift of the machine
 *                                  affects both alike
 * @param couplingRate              statements and plain account reads per second each, in the coupling runs
 * @param coupling                  how long each coupling run lasts
 * @param customerServiceDelays     the latency injected into customer-service in each coupling run, in ms
 * @param requestTimeout            how long Gatling waits for an answer
 * @param referenceProxy            a plain proxy in front of account-service (nginx, which {@code ./erlbank bench}
 *                                  starts when it is installed), measured at saturation in turn with the other two:
 *                                  what proxying alone costs on this machine; empty for none
 */
record BenchSettings(String gateway, String accountService, String customerServiceManagement, List<String> accounts,
        Duration warmUp, int warmUpUsers, double moderateRate, Duration moderate, int saturationUsers, Duration saturationSlice,
        double couplingRate, Duration coupling, List<Integer> customerServiceDelays, Duration requestTimeout,
        Optional<String> referenceProxy) {

    /** A pause between runs: no request of one run is still in flight when the next starts. */
    static final Duration GAP = Duration.ofSeconds(2);

    /** Where each run starts, after the simulation started. */
    Duration moderateStart() {
        return warmUp;
    }

    Duration saturationStart() {
        return moderateStart().plus(moderate).plus(GAP);
    }

    /** A slice each to warm up, then two slices each measured: direct, the gateway, and the reference proxy if any. */
    Duration saturationLength() {
        return saturationSlice.multipliedBy(referenceProxy.isPresent() ? 9 : 6);
    }

    Duration couplingStart(int run) {
        return saturationStart().plus(saturationLength()).plus(GAP).plus(coupling.plus(GAP).multipliedBy(run));
    }

    Duration total() {
        return couplingStart(customerServiceDelays.size());
    }

    static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                property("erlbank.gateway", "http://localhost:8080"),
                property("erlbank.account-service", "http://127.0.0.1:8082"),
                property("erlbank.customer-service.management", "http://127.0.0.1:9081"),
                Arrays.asList(property("bench.accounts",
                        "10000001,10000002,10000003,10000004,10000005,10000006").split(",")),
                seconds("bench.warm-up", 240),
                Integer.parseInt(property("bench.warm-up-users", "8")),
                Double.parseDouble(property("bench.moderate-rate", "50")),
                seconds("bench.moderate", 30),
                Integer.parseInt(property("bench.saturation-users", "16")),
                seconds("bench.saturation-slice", 10),
                Double.parseDouble(property("bench.coupling-rate", "20")),
                seconds("bench.coupling", 15),
                Stream.of(property("bench.delays", "0,50,200").split(",")).map(String::strip).map(Integer::valueOf)
                        .toList(),
                seconds("bench.request-timeout", 10),
                Optional.of(property("bench.reference-proxy", "")).filter(proxy -> !proxy.isEmpty()));
    }

    @Override
    public String toString() {
        return ("warm-up %ds by %d users; moderate %ds at %s/s direct and %s/s through the gateway; saturation %d users, %ds"
                + " alternating%s (a third of it to warm up); coupling %ds each with customer-service delays %s ms at %s/s (%ds in all)")
                .formatted(warmUp.toSeconds(), warmUpUsers, moderate.toSeconds(), moderateRate, moderateRate, saturationUsers,
                        saturationLength().toSeconds(), referenceProxy.map(proxy -> " with the reference proxy " + proxy)
                                .orElse(""), coupling.toSeconds(), customerServiceDelays, couplingRate,
                        total().toSeconds());
    }

    private static String property(String name, String otherwise) {
        var value = System.getProperty(name);
        return value == null || value.isBlank() ? otherwise : value.strip();
    }

    private static Duration seconds(String name, int otherwise) {
        return Duration.ofSeconds(Long.parseLong(property(name, String.valueOf(otherwise))));
    }
}
