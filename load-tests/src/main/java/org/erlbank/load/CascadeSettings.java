package org.erlbank.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What the cascade demo runs against, and for how long: system properties, each with the default that fits
 * {@code ./erlbank up} on its default ports.
 *
 * @param gateway                   the entry point, where the load goes
 * @param accountService            account-service's own address, for the probe behind the gateway
 * @param accountServiceManagement  account-service's management port (the protection switch)
 * @param customerServiceManagement customer-service's management port (fault injection)
 * @param accounts                  the accounts to read (the demo accounts)
 * @param ratePerEndpoint           new users per second for statements, and as many for plain account reads
 * @param probeRate                 new users per second for the probe at account-service
 * @param timeline                  how long each phase lasts
 * @param breakerSettle             how long into the protected phase the probe starts (the breaker opens about 2 s
 *                                  in, when the first calls to the hanging customer-service time out)
 * @param probeWindow               how long the probe runs: while the breaker is open (as long as customer-service
 *                                  hangs)
 * @param requestTimeout            how long Gatling waits for an answer
 * @param lag                       how the replication lag is measured in the switch-over to the replica
 * @param authServerPid             auth-server's process id, for the last run (it is stopped with SIGSTOP, then
 *                                  continued with SIGCONT); empty: no such run
 * @param hangFile                  where the last run's counts are written, for {@link CascadeSummary} (none: not
 *                                  written)
 */
record CascadeSettings(String gateway, String accountService, String accountServiceManagement,
        String customerServiceManagement, List<String> accounts, double ratePerEndpoint, double probeRate,
        Timeline timeline, Duration breakerSettle, Duration probeWindow, Duration requestTimeout, Lag lag,
        String authServerPid, String hangFile) {

    /**
     * The replication lag's measurement: renames of one account's owner, each timed until that account's statement
     * shows the new name.
     *
     * @param account the account whose owner is renamed (and named back: the demo leaves the name as it found it)
     * @param settle  how long into the switch-over the first rename waits (the replica catches up on what it missed
     *                while customer-service hung)
     * @param timeout how long a rename may take to reach the statement before it counts as never arrived
     * @param file    where the measured lags are written, for {@link CascadeSummary} (none: not written)
     */
    record Lag(String account, Duration settle, Duration timeout, String file) {
    }

    /**
     * The phases, back to back.
     *
     * @param authServerHang the last run, auth-server hanging (zero: none, and no lookup-again phase before it)
     */
    record Timeline(Duration warmUp, Duration baseline, Duration fault, Duration recovery, Duration switchover,
            Duration authServerHang) {

        Duration baselineStart() {
            return warmUp;
        }

        /** The middle third of the warm-up: the breaker is forced open then. */
        Duration breakerRehearsalStart() {
            return warmUp.dividedBy(3);
        }

        Duration breakerRehearsal() {
            return warmUp.dividedBy(3);
        }

        Duration unprotectedStart() {
            return baselineStart().plus(baseline);
        }

        Duration recoveryStart() {
            return unprotectedStart().plus(fault);
        }

        Duration protectedStart() {
            return recoveryStart().plus(recovery);
        }

        /** customer-service healthy again, statements switched to the replica, the replication lag measured. */
        Duration switchoverStart() {
            return protectedStart().plus(fault);
        }

        Duration replicaStart() {
            return switchoverStart().plus(switchover);
        }

        /**
         * customer-service healthy, owners' names looked up again, the breaker closed: as long as a recovery (none
         * without the last run).
         */
        Duration lookupAgainStart() {
            return replicaStart().plus(fault);
        }

        Duration lookupAgain() {
            return authServerHang.isZero() ? Duration.ZERO : recovery;
        }

        /** auth-server stopped (SIGSTOP), account-service's tokens forgotten: its next token request hangs. */
        Duration authServerHangStart() {
            return lookupAgainStart().plus(lookupAgain());
        }

        Duration total() {
            return authServerHangStart().plus(authServerHang);
        }

        @Override
        public String toString() {
            return ("warm-up %ds, baseline %ds, unprotected %ds, recovery %ds, protected %ds, switch-over %ds,"
                    + " replica %ds, lookup again %ds, auth-server hanging %ds (%ds)").formatted(warmUp.toSeconds(),
                            baseline.toSeconds(), fault.toSeconds(), recovery.toSeconds(), fault.toSeconds(),
                            switchover.toSeconds(), fault.toSeconds(), lookupAgain().toSeconds(),
                            authServerHang.toSeconds(), total().toSeconds());
        }
    }

    static CascadeSettings fromSystemProperties() {
        var authServerPid = property("demo.auth-server-pid", "");
        return new CascadeSettings(
                property("erlbank.gateway", "http://localhost:8080"),
                property("erlbank.account-service", "http://127.0.0.1:8082"),
                property("erlbank.account-service.management", "http://127.0.0.1:9082"),
                property("erlbank.customer-service.management", "http://127.0.0.1:9081"),
                Arrays.asList(property("demo.accounts",
                        "10000001,10000002,10000003,10000004,10000005,10000006").split(",")),
                Double.parseDouble(property("demo.rate", "20")),
                Double.parseDouble(property("demo.probe-rate", "30")),
                new Timeline(seconds("demo.warm-up", 30), seconds("demo.baseline", 20), seconds("demo.fault", 30),
                        seconds("demo.recovery", 20), seconds("demo.switchover", 20),
                        authServerPid.isEmpty() ? Duration.ZERO : seconds("demo.auth-server-hang", 30)),
                seconds("demo.breaker-settle", 3),
                seconds("demo.probe-window", 7),
                seconds("demo.request-timeout", 10),
                new Lag(property("demo.lag-account", "10000001"), seconds("demo.lag-settle", 4),
                        seconds("demo.lag-timeout", 10), property("demo.lag-file", "")),
                authServerPid, property("demo.hang-file", ""));
    }

    private static String property(String name, String otherwise) {
        var value = System.getProperty(name);
        return value == null || value.isBlank() ? otherwise : value.strip();
    }

    private static Duration seconds(String name, int otherwise) {
        return Duration.ofSeconds(Long.parseLong(property(name, String.valueOf(otherwise))));
    }
}
