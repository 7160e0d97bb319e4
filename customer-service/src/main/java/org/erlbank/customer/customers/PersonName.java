package org.erlbank.customer.customers;

/**
 * A person's name: a given name and a surname (the customer API v2 calls it the family name), each trimmed, neither
 * blank, neither longer than {@value #MAX_LENGTH} characters, and free of control characters.
 *
 * @throws InvalidPartException naming {@code givenName} or {@code surname}
 */
public record PersonName(String givenName, String surname) {

    public static final int MAX_LENGTH = 100;

    public PersonName {
        givenName = TextPart.checked("givenName", givenName, MAX_LENGTH);
        surname = TextPart.checked("surname", surname, MAX_LENGTH);
    }
}
