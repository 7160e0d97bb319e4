package org.erlbank.account.statements.web;

import static org.springframework.hateoas.server.mvc.WebMvcLinkBuilder.linkTo;
import static org.springframework.hateoas.server.mvc.WebMvcLinkBuilder.methodOn;

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

    @Override
    public Link linkFor(AccountNumber account) {
        return statement(account, STATEMENT);
    }

    Link statement(AccountNumber number, LinkRelation relation) {
        return linkTo(methodOn(StatementController.class).getStatement(number.value())).withRel(relation);
    }
}
