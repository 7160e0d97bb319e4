/**
 * The customer aggregate: registering customers, finding them and changing their names.
 */
package org.erlbank.customer.customers;
