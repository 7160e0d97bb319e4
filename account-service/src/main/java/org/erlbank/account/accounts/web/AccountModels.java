package org.erlbank.account.accounts.web;

import java.util.function.Predicate;
import org.erlbank.account.accounts.Account;
import org.erlbank.account.accounts.AccountAccess;
import org.erlbank.account.accounts.AccountNumber;
import org.erlbank.account.accounts.Money;
import org.erlbank.account.accounts.Transfer;
import org.erlbank.account.api.v1.model.AccountModel;
import org.erlbank.account.api.v1.model.CurrencyModel;
import org.erlbank.account.api.v1.model.MoneyModel;
import org.erlbank.account.api.v1.model.PageMetadataModel;
import org.erlbank.account.api.v1.model.TransferModel;
import java.time.ZoneOffset;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Component;

/**
 * Maps accounts and transfers to the models generated from the account API spec. (The generated models extend the
 * raw {@code RepresentationModel}, so Spring HATEOAS' typed assembler interface does not fit.) Public for what other
 * features' web adapters show of an account: its money. A model links only to what its caller may see and offers
 * only what she may do, as {@link AccountAccess} says.
 */
@Component
public class AccountModels {

    private final AccountLinks links;
    private final AccountAccess access;
    private final ObjectProvider<AccountLinkContributor> contributors;

    AccountModels(AccountLinks links, AccountAccess access, ObjectProvider<AccountLinkContributor> contributors) {
        this.links = links;
        this.access = access;
        this.contributors = contributors;
    }

    /** An account the caller may see. */
    AccountModel toModel(Account account) {
        var number = account.number();
        var model = new AccountModel(number.value(), money(account.balance()));
        model.add(links.self(account));
        model.add(links.owner(account.owner()));
        model.add(links.transfers(number));
        contributors.orderedStream().forEach(contributor -> contributor.linkFor(account).ifPresent(model::add));
        return model;
    }

    /** A transfer the caller may see. */
    TransferModel toModel(Transfer transfer) {
        return toModel(transfer, access.readableAccounts());
    }

    /**
     * A transfer the caller may see, linked to those of its accounts she may see too: a customer sees the number of
     * the account on the other side, never a link to it.
     */
    TransferModel toModel(Transfer transfer, Predicate<AccountNumber> readable) {
        var model = new TransferModel(transfer.id(), transfer.from().value(), transfer.to().value(),
                money(transfer.amount()), transfer.bookedAt().atOffset(ZoneOffset.UTC));
        model.add(links.transfer(transfer.id()));
        if (readable.test(transfer.from())) {
            model.add(links.account(transfer.from(), AccountLinks.FROM));
        }
        if (readable.test(transfer.to())) {
            model.add(links.account(transfer.to(), AccountLinks.TO));
        }
        return model;
    }

    public static MoneyModel money(Money money) {
        return new MoneyModel(money.amount().toPlainString(), CurrencyModel.fromValue(money.currency().getCurrencyCode()));
    }

    static PageMetadataModel page(Page<?> page) {
        return new PageMetadataModel((long) page.getSize(), page.getTotalElements(), (long) page.getTotalPages(),
                (long) page.getNumber());
    }
}
