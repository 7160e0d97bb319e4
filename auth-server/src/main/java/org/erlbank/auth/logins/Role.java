package org.erlbank.auth.logins;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a login may be; its {@link #claim()} is what tokens carry in {@code roles}.
 */
public enum Role {
    CUSTOMER("customer"),
    TELLER("teller");

    private final String claim;

    Role(String claim) {
        this.claim = claim;
    }

    public String claim() {
        return claim;
    }

    /** The role named by its claim; fails for anything else. */
    public static Role of(String claim) {
        return find(claim).orElseThrow(() -> new IllegalArgumentException("role is customer or teller, not " + claim));
    }

    static Optional<Role> find(String claim) {
        return Arrays.stream(values()).filter(role -> role.claim.equals(claim)).findFirst();
    }
}
