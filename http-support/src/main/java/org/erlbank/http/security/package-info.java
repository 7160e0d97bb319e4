/**
 * The resource server's building blocks every Erlbank service will share: how a bearer token from auth-server is
 * verified ({@link org.erlbank.http.security.ErlbankJwtDecoders}), who its bearer is
 * ({@link org.erlbank.http.security.Caller}), and the problems for 401 and 403. Switched on by
 * {@code erlbank.security.issuer} ({@link org.erlbank.http.security.ErlbankSecurityAutoConfiguration}); Spring
 * Security is an optional dependency of http-support, so a service without it gets none of this.
 */
package org.erlbank.http.security;
