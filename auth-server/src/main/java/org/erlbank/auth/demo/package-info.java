/**
 * Demo logins, one for each of customer-service's demo customers and a teller, so that a newcomer can get a token.
 */
package org.erlbank.auth.demo;
