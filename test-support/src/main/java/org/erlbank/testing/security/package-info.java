/**
 * A stand-in for auth-server in tests: an issuer that publishes its keys over HTTP and signs tokens like auth-server's,
 * and forges the tokens a resource server must refuse.
 */
package org.erlbank.testing.security;
