/**
 * Several instances of a service: Spring Cloud LoadBalancer chooses one per call from the configured instances that
 * pass their health check, and an instance that refuses connections is left out at once.
 */
package org.erlbank.http.balancing;
