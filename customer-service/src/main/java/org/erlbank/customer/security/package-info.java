/**
 * Who may call customer-service at all: a verified bearer token from auth-server on every request to its API. What
 * each caller may do with a customer is the customer API's rule ({@code customers.web.CustomerAccess}).
 */
package org.erlbank.customer.security;
