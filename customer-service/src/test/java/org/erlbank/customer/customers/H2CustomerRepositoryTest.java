package org.erlbank.customer.customers;

/**
 * Customer persistence on the embedded H2 database that Erlbank uses by default.
 */
class H2CustomerRepositoryTest extends CustomerRepositoryContract {
}
