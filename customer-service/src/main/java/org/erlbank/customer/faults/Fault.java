package org.erlbank.customer.faults;

import java.time.Duration;

/**
 * What customer-service does to the API requests it is asked: nothing, a delay, failing a share of them, or hanging.
 *
 * @param delay   how long every request waits before it is answered
 * @param errorPercent how many requests in a hundred are answered with 500 instead
 * @param hang    whether requests wait until the fault is cleared (or the client gives up)
 */
public record Fault(Duration delay, int errorPercent, boolean hang) {

    public static final Fault NONE = new Fault(Duration.ZERO, 0, false);

    public Fault {
        if (delay.isNegative() || delay.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("a delay is between 0 and 5 minutes, not " + delay);
        }
        if (errorPercent < 0 || errorPercent > 100) {
            throw new IllegalArgumentException("an error share is between 0 and 100 percent, not " + errorPercent);
        }
    }

    public static Fault delay(Duration delay) {
        return new Fault(delay, 0, false);
    }

    public static Fault errors(int percent) {
        return new Fault(Duration.ZERO, percent, false);
    }

    public static Fault hanging() {
        return new Fault(Duration.ZERO, 0, true);
    }

    String describe() {
        if (hang) {
            return "hang";
        }
        if (errorPercent > 0) {
            return "error " + errorPercent + "%";
        }
        return delay.isZero() ? "none" : "delay " + delay.toMillis() + " ms";
    }
}
