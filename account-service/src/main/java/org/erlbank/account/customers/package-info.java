/**
 * What account-service knows of customers, and how it asks customer-service: through the client generated from
 * the customer API's spec, with timeouts, treating every failure of customer-service as its unavailability.
 */
package org.erlbank.account.customers;
