/**
 * What Erlbank's access tokens say: audience, roles, the customer a login belongs to, the signing key's id.
 */
package org.erlbank.auth.tokens;
