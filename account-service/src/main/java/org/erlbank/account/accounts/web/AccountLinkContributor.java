package org.erlbank.account.accounts.web;

import java.util.Optional;
import org.erlbank.account.accounts.Account;
import org.springframework.hateoas.Link;

/**
 * A link another feature puts on every account (statements: the account's statement). The other feature's web
 * adapter builds on this one, so this one asks its contributors rather than knowing them: no cycle between features.
 */
@FunctionalInterface
public interface AccountLinkContributor {

    /**
     * The link to put on an account the caller may see, or nothing when the caller may not follow it (the
     * contributor asks {@link org.erlbank.account.accounts.AccountAccess}).
     */
    Optional<Link> linkFor(Account account);
}
