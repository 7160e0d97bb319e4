/**
 * The customer APIs (v1, v2) and the customer feed over HTTP: controllers implementing the interfaces generated from
 * the specs, the mapping between the domain and the generated HAL models, and who may do what with customers
 * ({@code CustomerAccess}), asked by the controllers and by the links alike.
 */
package org.erlbank.customer.customers.web;
