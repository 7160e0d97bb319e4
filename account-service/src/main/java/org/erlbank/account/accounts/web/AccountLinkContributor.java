package org.erlbank.account.accounts.web;

import org.erlbank.account.accounts.AccountNumber;
import org.springframework.hateoas.Link;

/**
 * A link another feature puts on every account (statements: the account's statement). The other feature's web
 * adapter builds on this one, so this one asks its contributors rather than knowing them: no cycle between features.
 */
@FunctionalInterface
public interface AccountLinkContributor {

    /** The link to put on the account with this number. */
    Link linkFor(AccountNumber account);
}
