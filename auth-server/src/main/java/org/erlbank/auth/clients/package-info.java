/**
 * The OAuth clients, configured under {@code erlbank.auth.clients} and stored in the database at start.
 */
package org.erlbank.auth.clients;
