/**
 * Accounts and the transfers between them: the balances, and the rule that no transfer overdraws an account.
 */
package org.erlbank.account.accounts;
