/**
 * The keys tokens are signed with, kept in the database so that tokens outlive a restart, and their rotation.
 */
package org.erlbank.auth.keys;
