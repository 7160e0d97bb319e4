/**
 * HTTP concerns shared by every resource of customer-service: problem details, preconditions, body limits.
 */
package org.erlbank.customer.web;
