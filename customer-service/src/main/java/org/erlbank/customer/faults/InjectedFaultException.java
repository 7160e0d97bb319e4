package org.erlbank.customer.faults;

/**
 * A request customer-service fails on purpose, because it was told to fail a share of them.
 */
public final class InjectedFaultException extends RuntimeException {

    InjectedFaultException(Fault fault) {
        super("customer-service was told to fail " + fault.errorPercent() + "% of requests.");
    }
}
