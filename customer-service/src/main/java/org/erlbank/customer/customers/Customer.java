package org.erlbank.customer.customers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An Erlbank customer. The version counts the changes and backs the resource's {@code ETag}, so that
 * two clients cannot overwrite each other's change unnoticed.
 */
@Entity
@Table(name = "customer")
public class Customer {

    @Id
    private UUID id;

    @Version
    private Long version;

    @Column(name = "given_name", nullable = false, length = PersonName.MAX_LENGTH)
    private String givenName;

    @Column(name = "surname", nullable = false, length = PersonName.MAX_LENGTH)
    private String surname;

    // The postal address: all four or none (a customer registered through the customer API v1 has none).
    @Column(name = "street", length = PostalAddress.MAX_STREET_LENGTH)
    private String street;

    @Column(name = "postal_code", length = PostalAddress.MAX_POSTAL_CODE_LENGTH)
    private String postalCode;

    @Column(name = "city", length = PostalAddress.MAX_CITY_LENGTH)
    private String city;

    @Column(name = "country", length = 2)
    private String country;

    protected Customer() {
        // for JPA
    }

    Customer(CustomerId id, PersonName name) {
        this.id = Objects.requireNonNull(id, "id").value();
        setName(name);
    }

    static Customer register(PersonName name) {
        return new Customer(CustomerId.random(), name);
    }

    static Customer register(PersonName name, PostalAddress address) {
        var customer = register(name);
        customer.moveTo(address);
        return customer;
    }

    void rename(PersonName name) {
        setName(name);
    }

    void moveTo(PostalAddress address) {
        Objects.requireNonNull(address, "address");
        this.street = address.street();
        this.postalCode = address.postalCode();
        this.city = address.city();
        this.country = address.country();
    }

    private void setName(PersonName name) {
        Objects.requireNonNull(name, "name");
        this.givenName = name.givenName();
        this.surname = name.surname();
    }

    public CustomerId id() {
        return new CustomerId(id);
    }

    public PersonName name() {
        return new PersonName(givenName, surname);
    }

    /** Where the customer receives letters; empty until someone gave it (the customer API v1 cannot). */
    public Optional<PostalAddress> postalAddress() {
        return street == null ? Optional.empty() : Optional.of(new PostalAddress(street, postalCode, city, country));
    }

    /**
     * How many times this customer has been changed since it was registered (0 for a new one).
     */
    public long versionNumber() {
        if (version == null) {
            throw new IllegalStateException("customer " + id + " has not been stored yet");
        }
        return version;
    }
}
