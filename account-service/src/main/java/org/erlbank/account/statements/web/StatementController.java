package org.erlbank.account.statements.web;

import java.time.ZoneOffset;
import org.erlbank.account.accounts.AccountAccess;
import org.erlbank.account.accounts.AccountNumber;
import org.erlbank.account.accounts.web.AccountLinks;
import org.erlbank.account.accounts.web.AccountModels;
import org.erlbank.account.api.v1.StatementsApi;
import org.erlbank.account.api.v1.model.StatementLineModel;
import org.erlbank.account.api.v1.model.StatementLineModel.DirectionEnum;
import org.erlbank.account.api.v1.model.StatementModel;
import org.erlbank.account.statements.OwnerUnknownException;
import org.erlbank.account.statements.Statement;
import org.erlbank.account.statements.Statements;
import org.erlbank.http.ProblemException;
import org.erlbank.http.ProblemType;
import org.springframework.hateoas.IanaLinkRelations;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bank statements, as generated from {@code account-api-v1.yaml}: an account's, to whoever may see the account
 * ({@link AccountAccess}).
 */
@RestController
class StatementController implements StatementsApi {

    static final ProblemType OWNER_UNKNOWN =
            new ProblemType("owner-unknown", "customer-service does not know the owner", HttpStatus.BAD_GATEWAY);

    private final Statements statements;
    private final AccountAccess access;
    private final StatementLinks links;
    private final AccountLinks accountLinks;

    StatementController(Statements statements, AccountAccess access, StatementLinks links,
            AccountLinks accountLinks) {
        this.statements = statements;
        this.access = access;
        this.links = links;
        this.accountLinks = accountLinks;
    }

    @Override
    public ResponseEntity<StatementModel> getStatement(String accountNumber) {
        // Before customer-service is asked for a name: someone else's account is not found, and costs it nothing.
        var number = access.readable(new AccountNumber(accountNumber)).number();
        var statement = of(number);
        var lines = statement.transfers().stream()
                .map(transfer -> new StatementLineModel(transfer.bookedAt().atOffset(ZoneOffset.UTC),
                        transfer.isIncomingFor(number) ? DirectionEnum.IN : DirectionEnum.OUT,
                        AccountModels.money(transfer.amount()), transfer.counterpartyOf(number).value()))
                .toList();
        var model = new StatementModel(number.value(), statement.isDegraded(),
                AccountModels.money(statement.account().balance()), statement.createdAt().atOffset(ZoneOffset.UTC),
                lines);
        statement.owner().ifPresent(owner -> model.ownerName(owner.fullName()));
        statement.degradation().ifPresent(model::degradation);
        model.ownerNameSource(StatementModel.OwnerNameSourceEnum.fromValue(statement.ownerNameSource().value()));
        statement.ownerNameAsOf().ifPresent(asOf -> model.ownerNameAsOf(asOf.atOffset(ZoneOffset.UTC)));
        model.add(links.statement(number, IanaLinkRelations.SELF));
        model.add(accountLinks.account(number, AccountLinks.ACCOUNT));
        model.add(accountLinks.owner(statement.account().owner()));
        return ResponseEntity.ok(model);
    }

    /** The statement; an owner customer-service does not know is answered (by the service's advice) as a 502. */
    private Statement of(AccountNumber number) {
        try {
            return statements.of(number);
        } catch (OwnerUnknownException unknown) {
            throw new ProblemException(OWNER_UNKNOWN.with(unknown.getMessage()));
        }
    }
}
