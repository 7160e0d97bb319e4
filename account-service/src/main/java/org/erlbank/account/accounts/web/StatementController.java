package org.erlbank.account.accounts.web;

import java.time.ZoneOffset;
import org.erlbank.account.accounts.AccountNumber;
import org.erlbank.account.api.v1.StatementsApi;
import org.erlbank.account.api.v1.model.StatementLineModel;
import org.erlbank.account.api.v1.model.StatementLineModel.DirectionEnum;
import org.erlbank.account.api.v1.model.StatementModel;
import org.erlbank.account.statements.Statements;
import org.springframework.hateoas.IanaLinkRelations;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bank statements, as generated from {@code account-api-v1.yaml}.
 */
@RestController
class StatementController implements StatementsApi {

    private final Statements statements;
    private final AccountLinks links;

    StatementController(Statements statements, AccountLinks links) {
        this.statements = statements;
        this.links = links;
    }

    @Override
    public ResponseEntity<StatementModel> getStatement(String accountNumber) {
        var number = new AccountNumber(accountNumber);
        var statement = statements.of(number);
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
        model.add(links.account(number, AccountLinks.ACCOUNT));
        model.add(links.owner(statement.account().owner()));
        return ResponseEntity.ok(model);
    }
}
