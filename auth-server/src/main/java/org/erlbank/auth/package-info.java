/**
 * auth-server: Erlbank's identity provider (OAuth 2.1 / OpenID Connect), the one place that knows who may log in.
 */
package org.erlbank.auth;
