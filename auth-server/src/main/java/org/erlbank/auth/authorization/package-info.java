/**
 * The authorization server's filter chains: the protocol endpoints, the login form, the actuator, CORS.
 */
package org.erlbank.auth.authorization;
