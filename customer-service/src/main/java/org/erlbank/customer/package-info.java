/**
 * customer-service: the owner of Erlbank's customers; nothing else writes them.
 */
package org.erlbank.customer;
