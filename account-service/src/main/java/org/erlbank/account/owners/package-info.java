/**
 * The owners' names as account-service keeps them itself: a replica fed by customer-service's customer feed, the
 * decoupled alternative to asking customer-service at the moment a statement needs a name.
 */
package org.erlbank.account.owners;
