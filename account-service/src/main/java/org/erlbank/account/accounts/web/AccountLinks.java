package org.erlbank.account.accounts.web;

import static org.springframework.hateoas.server.mvc.WebMvcLinkBuilder.afford;
import static org.springframework.hateoas.server.mvc.WebMvcLinkBuilder.linkTo;
import static org.springframework.hateoas.server.mvc.WebMvcLinkBuilder.methodOn;

import java.util.Map;
import java.util.UUID;
import org.erlbank.account.accounts.AccountNumber;
import org.erlbank.account.customers.CustomerId;
import org.erlbank.http.CrossServiceLinks;
import org.springframework.hateoas.IanaLinkRelations;
import org.springframework.hateoas.Link;
import org.springframework.hateoas.LinkRelation;
import org.springframework.stereotype.Component;

/**
 * The links of the account API: its link relations and where they lead. Public for the features whose web adapters
 * link to accounts and their owners (statements).
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

    AccountLinks(AccountLinkProperties properties) {
        this.properties = properties;
    }

    /** The account itself, offering a transfer from it. */
    Link self(AccountNumber number) {
        return account(number, IanaLinkRelations.SELF)
                .andAffordance(afford(methodOn(TransferController.class).makeTransfer(number.value(), null, null)));
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

    Link accountsPage(UUID owner, int page, int size, LinkRelation relation) {
        var link = linkTo(methodOn(AccountController.class).listAccounts(owner, page, size)).withRel(relation).expand();
        return IanaLinkRelations.SELF.equals(relation)
                ? link.andAffordance(afford(methodOn(AccountController.class).openAccount(null, null)))
                : link;
    }

    Link transfersPage(AccountNumber number, int page, int size, LinkRelation relation) {
        return linkTo(methodOn(TransferController.class).listTransfers(number.value(), page, size)).withRel(relation);
    }
}
