package org.erlbank.account.statements.web;

import static org.springframework.hateoas.server.mvc.WebMvcLinkBuilder.linkTo;
import static org.springframework.hateoas.server.mvc.WebMvcLinkBuilder.methodOn;

import java.util.Optional;
import org.erlbank.account.accounts.Account;
import org.erlbank.account.accounts.AccountAccess;
import org.erlbank.account.accounts.AccountNumber;
import org.erlbank.account.accounts.web.AccountLinkContributor;
import org.springframework.hateoas.Link;
import org.springframework.hateoas.LinkRelation;
import org.springframework.stereotype.Component;

/**
 * The links to a bank statement: the statement's own, and the one every account carries to its statement.
 */
@Component
class StatementLinks implements AccountLinkContributor {

    /** An account's bank statement. */
    static final LinkRelation STATEMENT = LinkRelation.of("statement");

    private final AccountAccess access;

    StatementLinks(AccountAccess access) {
        this.access = access;
    }

    /** An account's statement, to whoever may see the account. */
    @Override
    public Optional<Link> linkFor(Account account) {
        return access.mayRead(account) ? Optional.of(statement(account.number(), STATEMENT)) : Optional.empty();
    }

    Link statement(AccountNumber number, LinkRelation relation) {
        return linkTo(methodOn(StatementController.class).getStatement(number.value())).withRel(relation);
    }
}
