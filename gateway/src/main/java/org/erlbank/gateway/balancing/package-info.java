/**
 * The gateway over several instances of a service: a request that is safe to repeat, and that an instance never
 * answered, is repeated on another instance.
 */
package org.erlbank.gateway.balancing;
