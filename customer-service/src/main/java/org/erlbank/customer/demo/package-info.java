/**
 * Demo customers, so that a newcomer has something to browse on first start.
 */
package org.erlbank.customer.demo;
