package org.erlbank.account.accounts.web;

import java.util.UUID;
import org.erlbank.account.accounts.AccountAccess;
import org.erlbank.account.accounts.AccountNumber;
import org.erlbank.account.accounts.Money;
import org.erlbank.account.accounts.Transfers;
import org.erlbank.account.api.v1.TransfersApi;
import org.erlbank.account.api.v1.model.TransferModel;
import org.erlbank.account.api.v1.model.TransferOrderModel;
import org.erlbank.account.api.v1.model.TransferPageEmbeddedModel;
import org.erlbank.account.api.v1.model.TransferPageModel;
import org.erlbank.http.PageLinks;
import org.springframework.hateoas.IanaLinkRelations;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * Transfers, as generated from {@code account-api-v1.yaml}; who may see and make which is {@link AccountAccess}'s to
 * say.
 */
@RestController
class TransferController implements TransfersApi {

    private final Transfers transfers;
    private final AccountAccess access;
    private final AccountModels models;
    private final AccountLinks links;

    TransferController(Transfers transfers, AccountAccess access, AccountModels models, AccountLinks links) {
        this.transfers = transfers;
        this.access = access;
        this.models = models;
        this.links = links;
    }

    @Override
    public ResponseEntity<TransferPageModel> listTransfers(String accountNumber, Integer page, Integer size) {
        var account = access.readable(new AccountNumber(accountNumber)).number();
        var result = transfers.of(account, page, size);
        var model = new TransferPageModel(AccountModels.page(result));
        var readable = access.readableAccounts();
        model.embedded(new TransferPageEmbeddedModel().transfers(
                result.getContent().stream().map(transfer -> models.toModel(transfer, readable)).toList()));
        model.add(PageLinks.of(result, (number, relation) -> links.transfersPage(account, number, size, relation)));
        model.add(links.account(account, AccountLinks.ACCOUNT));
        return ResponseEntity.ok(model);
    }

    @Override
    // idempotencyKey: honoured by http-support's IdempotencyFilter before this runs (a retry never gets here).
    public ResponseEntity<TransferModel> makeTransfer(String accountNumber, TransferOrderModel order,
            String idempotencyKey) {
        var from = new AccountNumber(accountNumber);
        // Checked before anything is locked; an account's owner never changes, so the check still holds then.
        access.requireTransferFrom(from);
        var transfer = transfers.transfer(from, new AccountNumber(order.getTo()), Money.euros(order.getAmount()));
        var model = models.toModel(transfer);
        return ResponseEntity.created(model.getRequiredLink(IanaLinkRelations.SELF).toUri()).body(model);
    }

    @Override
    public ResponseEntity<TransferModel> getTransfer(UUID transferId) {
        return ResponseEntity.ok(models.toModel(access.readable(transfers.get(transferId))));
    }
}
