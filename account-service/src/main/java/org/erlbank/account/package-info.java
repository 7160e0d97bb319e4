/**
 * account-service: the owner of Erlbank's accounts and transfers; it knows customers only by asking customer-service.
 */
package org.erlbank.account;
