/**
 * RFC 9457 problems for the actuator endpoints, with the same type URIs as every Erlbank service's.
 */
package org.erlbank.auth.problems;
