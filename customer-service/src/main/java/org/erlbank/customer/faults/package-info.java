/**
 * Fault injection for the demos: customer-service can be told, at runtime and only through its management port, to
 * answer slowly, to fail a share of requests, or to hang, so that what a synchronous caller suffers can be shown.
 */
package org.erlbank.customer.faults;
