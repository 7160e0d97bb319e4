/**
 * Who may log in (customers and tellers), their passwords, and the lock after repeated failures.
 */
package org.erlbank.auth.logins;
