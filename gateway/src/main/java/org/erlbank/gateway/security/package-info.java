/**
 * Who may pass the edge, and as whom the services see them: browser users log in here (authorization code with
 * PKCE at auth-server, a session cookie, CSRF protection on their writes) and their token is relayed to the
 * services; API clients bring their own bearer token, checked here as the services check it.
 */
package org.erlbank.gateway.security;
