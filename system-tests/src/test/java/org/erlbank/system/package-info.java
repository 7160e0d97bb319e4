/**
 * End-to-end tests that run Erlbank the way its users do: through {@code ./erlbank}, as real processes on real ports.
 */
package org.erlbank.system;
