/**
 * The customer API v1 over HTTP: controllers implementing the interfaces generated from {@code customer-api-v1.yaml},
 * and the mapping between the domain and the generated HAL models.
 */
package org.erlbank.customer.customers.web;
