package org.erlbank.account.customers;

/**
 * A customer's name, as customer-service has it at the moment it was asked.
 */
public record CustomerName(String givenName, String surname) {

    public String fullName() {
        return givenName + " " + surname;
    }
}
