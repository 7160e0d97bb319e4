/**
 * Bank statements: an account's balance and recent transfers, with the owner's name as customer-service has it now.
 */
package org.erlbank.account.statements;
