package org.erlbank.account.accounts.web;

import static org.springframework.hateoas.server.mvc.WebMvcLinkBuilder.afford;
import static org.springframework.hateoas.server.mvc.WebMvcLinkBuilder.linkTo;
import static org.springframework.hateoas.server.mvc.WebMvcLinkBuilder.methodOn;

import java.util.Map;
import java.util.UUID;
import org.erlbank.account.accounts.Account;
import org.erlbank.account.accounts.AccountAccess;
import org.erlbank.account.accounts.AccountNumber;
import org.erlbank.account.customers.CustomerId;
import org.erlbank.http.CrossServiceLinks;
import org.springframework.hateoas.IanaLinkRelations;
import org.springframework.hateoas.Link;
import org.springframework.hateoas.LinkRelation;
import org.springframework.stereotype.Component;

/**
 * The links of the account API: its link relations and where they lead. Public for the features whose web adapters
 * link to accounts and their owners (statements). The HAL-FORMS templates on them are offered to a caller only where
 * {@link AccountAccess} lets her use them.
 */
@Component
public class AccountLinks {

    /** The customer who owns an account, on customer-service. */
    static final LinkRelation OWNER = LinkRelation.of("owner");
    /** An account's transfers, in and out, newest first. */
    static final LinkRelation TRANSFERS = LinkRelation.of("transfers");
    /** The account a transfer list or statement belongs to. */
    public static final LinkRelation ACCOUNT = LinkRelation.of("account");
    /** The account a transfer took the money from. */
    static final LinkRelation FROM = LinkRelation.of("from");
    /** The account a transfer put the money into. */
    static final LinkRelation TO = LinkRelation.of("to");

    private final AccountLinkProperties properties;
    private final AccountAccess access;

    AccountLinks(AccountLinkProperties properties, AccountAccess access) {
        this.properties = properties;
        this.access = access;
    }

    /** The account itself, offering a transfer from it to its owner. */
    Link self(Account account) {
        var number = account.number();
        var self = account(number, IanaLinkRelations.SELF);
        return access.mayTransferFrom(account)
                ? self.andAffordance(afford(methodOn(TransferController.class).makeTransfer(number.value(), null, null)))
                : self;
    }

    public Link account(AccountNumber number, LinkRelation relation) {
        return linkTo(methodOn(AccountController.class).getAccount(number.value())).withRel(relation);
    }

    public Link owner(CustomerId owner) {
        return CrossServiceLinks.of(properties.customer().expand(Map.of("customerId", owner.value())).toString(), OWNER);
    }

    Link transfers(AccountNumber number) {
        return linkTo(methodOn(TransferController.class).listTransfers(number.value(), null, null))
                .withRel(TRANSFERS);
    }

    Link transfer(UUID id) {
        return linkTo(methodOn(TransferController.class).getTransfer(id)).withSelfRel();
    }

    /** A page of accounts; its {@code self} offers a teller to open an account. */
    Link accountsPage(UUID owner, int page, int size, LinkRelation relation) {
        var link = linkTo(methodOn(AccountController.class).listAccounts(owner, page, size)).withRel(relation).expand();
        return IanaLinkRelations.SELF.equals(relation) && access.mayOpenAccounts()
                ? link.andAffordance(afford(methodOn(AccountController.class).openAccount(null, null)))
                : link;
    }

    Link transfersPage(AccountNumber number, int page, int size, LinkRelation relation) {
        return linkTo(methodOn(TransferController.class).listTransfers(number.value(), page, size)).withRel(relation);
    }
}
