package org.erlbank.auth.logins;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The login form's check: the password, then the lock. Every refusal is the same "Bad credentials", whether the
 * username is unknown, the password wrong, or the login locked or disabled: the form tells nobody which usernames
 * exist. (An unknown username still costs a password hash: Spring's provider evens out the time.)
 */
class LockingAuthenticationProvider implements AuthenticationProvider {

    private final Logins logins;
    private final DaoAuthenticationProvider passwords;

    LockingAuthenticationProvider(Logins logins, PasswordEncoder passwordEncoder) {
        this.logins = logins;
        this.passwords = new DaoAuthenticationProvider(userDetailsService(logins));
        passwords.setPasswordEncoder(passwordEncoder);
        // The lock is checked after the password, not before (Spring's default): a locked login answers a right
        // password just as it answers a wrong one.
        passwords.setPreAuthenticationChecks(user -> {
        });
        passwords.setPostAuthenticationChecks(user -> {
            if (!user.isAccountNonLocked() || !user.isEnabled()) {
                throw new BadCredentialsException("Bad credentials");
            }
        });
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        try {
            var authenticated = passwords.authenticate(authentication);
            logins.succeeded(authentication.getName());
            return authenticated;
        } catch (AuthenticationException e) {
            logins.failed(authentication.getName());
            throw new BadCredentialsException("Bad credentials");
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static UserDetailsService userDetailsService(Logins logins) {
        return username -> logins.find(username)
                .map(login -> User.withUsername(login.username())
                        .password(login.passwordHash())
                        .roles(login.role().claim())
                        .disabled(!login.enabled())
                        .accountLocked(logins.locked(login))
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("Bad credentials"));
    }
}
