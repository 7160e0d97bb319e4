package org.erlbank.account.accounts.web;

import java.util.Optional;
import java.util.UUID;
import org.erlbank.account.accounts.AccountAccess;
import org.erlbank.account.accounts.AccountNumber;
import org.erlbank.account.accounts.Accounts;
import org.erlbank.account.api.v1.AccountsApi;
import org.erlbank.account.api.v1.model.AccountModel;
import org.erlbank.account.api.v1.model.AccountOpeningModel;
import org.erlbank.account.api.v1.model.AccountPageEmbeddedModel;
import org.erlbank.account.api.v1.model.AccountPageModel;
import org.erlbank.account.customers.CustomerId;
import org.erlbank.http.InvalidFieldException;
import org.erlbank.http.PageLinks;
import org.erlbank.http.Versions;
import org.springframework.hateoas.IanaLinkRelations;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accounts, as generated from {@code account-api-v1.yaml}; who may see and open which is {@link AccountAccess}'s to
 * say.
 */
@RestController
class AccountController implements AccountsApi {

    private final Accounts accounts;
    private final AccountAccess access;
    private final AccountModels models;
    private final AccountLinks links;

    AccountController(Accounts accounts, AccountAccess access, AccountModels models, AccountLinks links) {
        this.accounts = accounts;
        this.access = access;
        this.models = models;
        this.links = links;
    }

    @Override
    public ResponseEntity<AccountPageModel> listAccounts(UUID owner, Integer page, Integer size) {
        var result = accounts.list(access.listed(Optional.ofNullable(owner).map(CustomerId::new)), page, size);
        var model = new AccountPageModel(AccountModels.page(result));
        model.embedded(new AccountPageEmbeddedModel().accounts(result.getContent().stream().map(models::toModel).toList()));
        model.add(PageLinks.of(result, (number, relation) -> links.accountsPage(owner, number, size, relation)));
        return ResponseEntity.ok(model);
    }

    @Override
    // idempotencyKey: honoured by http-support's IdempotencyFilter before this runs (a retry never gets here).
    public ResponseEntity<AccountModel> openAccount(AccountOpeningModel opening, String idempotencyKey) {
        access.requireOpeningAccounts();
        CustomerId owner;
        try {
            owner = CustomerId.fromReference(opening.getOwner());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("owner", e.getMessage());
        }
        var account = accounts.open(owner);
        var model = models.toModel(account);
        return ResponseEntity.created(model.getRequiredLink(IanaLinkRelations.SELF).toUri())
                .eTag(Versions.etag(account.versionNumber()))
                .body(model);
    }

    @Override
    public ResponseEntity<AccountModel> getAccount(String accountNumber) {
        var account = access.readable(new AccountNumber(accountNumber));
        return ResponseEntity.ok().eTag(Versions.etag(account.versionNumber())).body(models.toModel(account));
    }
}
