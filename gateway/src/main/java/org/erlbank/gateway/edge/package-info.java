/**
 * The edge: which origin the outside world addressed (and which proxies may tell us), the forwarded headers the
 * services build their links from, the HTTP client towards the services, and problems when a service fails.
 */
package org.erlbank.gateway.edge;
