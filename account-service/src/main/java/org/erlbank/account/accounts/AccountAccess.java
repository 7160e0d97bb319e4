package org.erlbank.account.accounts;

import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.erlbank.account.customers.CustomerId;
import org.erlbank.http.security.Caller;
import org.erlbank.http.security.Callers;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may do what with accounts, transfers and statements: the one place that decides, asked both by the controllers
 * (which refuse) and by the models and links (which offer only what is allowed), so that the two cannot drift apart.
 * <ul>
 * <li>A customer reads her own accounts, their transfers and statements, lists only her own accounts, and transfers
 * from her own accounts (to any account). Another customer's account or transfer is, for her, one that does not
 * exist: the same 404, so that nobody learns which numbers are taken.</li>
 * <li>A teller opens accounts and reads everything, but moves no money (403).</li>
 * <li>Another service has nothing to do here (403 everywhere: {@link #people()}).</li>
 * </ul>
 * A role that may never do something is refused with an {@link AccessDeniedException} (a 403 problem); a resource
 * the caller may not see is not found.
 */
@Component
public class AccountAccess {

    private final AccountRepository accounts;

    AccountAccess(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /** For the filter chain: account-service serves people, customers and tellers; a service's token gets 403. */
    public static <T> AuthorizationManager<T> people() {
        return AuthorityAuthorizationManager.hasAnyRole("CUSTOMER", "TELLER");
    }

    // ---- what the caller may do: the rules themselves -------------------------------------------------------------

    /** Whether the caller may see the account (and so its transfers and its statement). */
    public boolean mayRead(Account account) {
        var caller = Callers.current();
        return caller instanceof Caller.Teller || owns(caller, account.owner());
    }

    /** Whether the caller may move money out of the account: its owner only; a teller never. */
    public boolean mayTransferFrom(Account account) {
        return owns(Callers.current(), account.owner());
    }

    /** Whether the caller may open accounts (for any customer): a teller only. */
    public boolean mayOpenAccounts() {
        return Callers.current() instanceof Caller.Teller;
    }

    /** Whether the caller may see the transfer: one that touches an account she may see. */
    public boolean mayRead(Transfer transfer) {
        var readable = readableAccounts();
        return readable.test(transfer.from()) || readable.test(transfer.to());
    }

    /**
     * Which account numbers the caller may see, for a page of transfers whose other sides she may or may not see:
     * every account for a teller, her own (read once) for a customer.
     */
    @Transactional(readOnly = true)
    public Predicate<AccountNumber> readableAccounts() {
        var caller = person();
        if (caller instanceof Caller.Customer customer) {
            Set<AccountNumber> own = accounts.findNumbersByOwnerId(customer.id()).stream().map(AccountNumber::of)
                    .collect(Collectors.toUnmodifiableSet());
            return own::contains;
        }
        return number -> true;
    }

    /**
     * Which accounts a list shows the caller, given the owner it asked for: a teller's list as she asked; a
     * customer's only hers, and none at all when she asked for another customer's.
     */
    public OwnerFilter listed(Optional<CustomerId> requested) {
        var caller = person();
        if (caller instanceof Caller.Customer customer) {
            var self = new CustomerId(customer.id());
            return requested.isEmpty() || requested.get().equals(self) ? OwnerFilter.only(self) : OwnerFilter.none();
        }
        return requested.map(OwnerFilter::only).orElseGet(OwnerFilter::all);
    }

    // ---- enforcement: what the controllers call -------------------------------------------------------------------

    /**
     * The account, if the caller may see it.
     *
     * @throws AccountNotFoundException when there is no such account, or it is someone else's
     */
    @Transactional(readOnly = true)
    public Account readable(AccountNumber number) {
        person();
        return accounts.findById(number.asLong()).filter(this::mayRead)
                .orElseThrow(() -> new AccountNotFoundException(number));
    }

    /**
     * Checks that the caller may move money out of the account, before anything is locked or booked.
     *
     * @throws AccessDeniedException when the caller is not a customer (a teller moves no money)
     * @throws SenderAccountNotFoundException when there is no such account, or it is someone else's
     */
    @Transactional(readOnly = true)
    public void requireTransferFrom(AccountNumber number) {
        if (!(person() instanceof Caller.Customer)) {
            throw new AccessDeniedException("Only a customer moves money, from her own accounts.");
        }
        // The owner alone, not the account: see AccountRepository.findOwnerIdByNumber.
        var caller = Callers.current();
        if (accounts.findOwnerIdByNumber(number.asLong()).map(CustomerId::new).filter(owner -> owns(caller, owner))
                .isEmpty()) {
            throw new SenderAccountNotFoundException(number);
        }
    }

    /**
     * Checks that the caller may open accounts.
     *
     * @throws AccessDeniedException when the caller is not a teller
     */
    public void requireOpeningAccounts() {
        if (!mayOpenAccounts()) {
            throw new AccessDeniedException("Only a teller opens accounts.");
        }
    }

    /**
     * The transfer, if the caller may see it.
     *
     * @throws TransferNotFoundException when the caller may see neither of its accounts
     */
    public Transfer readable(Transfer transfer) {
        if (!mayRead(transfer)) {
            throw new TransferNotFoundException(transfer.id());
        }
        return transfer;
    }

    /** The caller, who must be a person: a service has no business with accounts. */
    private static Caller person() {
        var caller = Callers.current();
        if (caller instanceof Caller.Service) {
            throw new AccessDeniedException("account-service serves customers and tellers, not services.");
        }
        return caller;
    }

    private static boolean owns(Caller caller, CustomerId owner) {
        return caller instanceof Caller.Customer customer && customer.id().equals(owner.value());
    }

    /** Which owners' accounts a list holds: everybody's, one customer's, or nobody's. */
    public record OwnerFilter(Optional<CustomerId> owner, boolean nothing) {

        static OwnerFilter all() {
            return new OwnerFilter(Optional.empty(), false);
        }

        static OwnerFilter only(CustomerId owner) {
            return new OwnerFilter(Optional.of(owner), false);
        }

        static OwnerFilter none() {
            return new OwnerFilter(Optional.empty(), true);
        }
    }
}
