package org.erlbank.customer.customers.web;

import java.util.Optional;
import org.erlbank.customer.customers.CustomerId;
import org.erlbank.customer.customers.CustomerNotFoundException;
import org.erlbank.http.security.Caller;
import org.erlbank.http.security.Callers;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may do what with customers, written once: the controllers ask it before they act ({@code require...}), and
 * the links and HAL-FORMS templates ask it what to offer ({@code may...}), so what a caller is offered and what she is
 * allowed cannot drift apart.
 * <ul>
 * <li>A teller registers customers, reads, lists and changes every one of them, and reads the feed.</li>
 * <li>A customer reads and changes herself, in v1 and v2; a list she asks for holds herself only (when she matches
 * its search). Another customer is not found, exactly as one who does not exist: nobody learns which ids exist.</li>
 * <li>A service (client credentials) reads and lists customers with the scope {@value #READ_SCOPE}, reads the feed
 * with {@value #FEED_SCOPE}, and does nothing else.</li>
 * </ul>
 * An operation the caller may never do is refused with {@link AccessDeniedException}, a {@code 403} problem.
 */
@Component
class CustomerAccess {

    /** A service's scope to read customers (one, or a page of them). */
    static final String READ_SCOPE = "customers.read";
    /** A service's scope to read the customer feed. */
    static final String FEED_SCOPE = "customers.feed";

    /** Whether the caller may register customers: the {@code registerCustomer} template. */
    boolean mayRegister() {
        return caller() instanceof Caller.Teller;
    }

    /** Whether the caller may change this customer: the {@code changeCustomerName} and {@code changeCustomer} templates. */
    boolean mayChange(CustomerId id) {
        var caller = caller();
        return changesCustomers(caller) && sees(caller, id);
    }

    /**
     * Whether a customer's {@code accounts} link leads the caller anywhere: account-service serves a customer and a
     * teller, and refuses every service's token.
     */
    boolean mayFollowAccounts() {
        return !(caller() instanceof Caller.Service);
    }

    void requireRegister() {
        if (!mayRegister()) {
            throw refused();
        }
    }

    /** @throws CustomerNotFoundException when the customer is someone else's to see (as when she does not exist) */
    void requireRead(CustomerId id) {
        var caller = caller();
        if (!readsCustomers(caller)) {
            throw refused();
        }
        requireSees(caller, id);
    }

    /**
     * Refuses a caller who may change no customer at all, before anything else is said about her request: what a
     * controller asks first, then {@link #requireChange} where it looks the customer up.
     */
    void requireChangesCustomers() {
        if (!changesCustomers(caller())) {
            throw refused();
        }
    }

    /** @throws CustomerNotFoundException when the customer is someone else's to see (as when she does not exist) */
    void requireChange(CustomerId id) {
        var caller = caller();
        if (!changesCustomers(caller)) {
            throw refused();
        }
        requireSees(caller, id);
    }

    /**
     * Whether the caller may list customers, and whom a list may show her.
     *
     * @return the one customer a list may show (a customer's list holds herself only), or nothing for every customer
     */
    Optional<CustomerId> requireList() {
        var caller = caller();
        if (!readsCustomers(caller)) {
            throw refused();
        }
        return caller instanceof Caller.Customer customer ? Optional.of(new CustomerId(customer.id()))
                : Optional.empty();
    }

    void requireFeed() {
        var caller = caller();
        boolean allowed = caller instanceof Caller.Teller
                || caller instanceof Caller.Service service && service.has(FEED_SCOPE);
        if (!allowed) {
            throw refused();
        }
    }

    private static boolean readsCustomers(Caller caller) {
        return caller instanceof Caller.Teller || caller instanceof Caller.Customer
                || caller instanceof Caller.Service service && service.has(READ_SCOPE);
    }

    private static boolean changesCustomers(Caller caller) {
        return caller instanceof Caller.Teller || caller instanceof Caller.Customer;
    }

    /** A customer sees herself only; whoever else may read customers at all sees every one. */
    private static boolean sees(Caller caller, CustomerId id) {
        return !(caller instanceof Caller.Customer customer) || customer.id().equals(id.value());
    }

    private static void requireSees(Caller caller, CustomerId id) {
        if (!sees(caller, id)) {
            throw new CustomerNotFoundException(id);
        }
    }

    private static Caller caller() {
        return Callers.current();
    }

    private static AccessDeniedException refused() {
        return new AccessDeniedException("not allowed for this caller");
    }
}
