package org.erlbank.customer.customers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Objects;
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

    void rename(PersonName name) {
        setName(name);
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
