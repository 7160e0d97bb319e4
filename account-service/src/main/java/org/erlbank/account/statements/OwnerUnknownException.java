package org.erlbank.account.statements;

import org.erlbank.account.accounts.AccountNumber;
import org.erlbank.account.customers.CustomerId;

/**
 * customer-service does not know an account's owner: the two services' data disagree.
 */
public final class OwnerUnknownException extends RuntimeException {

    OwnerUnknownException(AccountNumber account, CustomerId owner) {
        super("customer-service does not know customer " + owner + ", the owner of account " + account + ".");
    }
}
