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
 * The login form's check: the attempt is counted first ({@link Logins#attempt}), then the password is checked.
 * Every refusal is the same "Bad credentials", whether the username is unknown, the password wrong, or the login
 * locked or disabled: the form tells nobody which usernames exist. (An unknown username and a locked login still cost
 * a password hash, so the time tells nothing either.)
 */
class LockingAuthenticationProvider implements AuthenticationProvider {

    private final Logins logins;
    private final DaoAuthenticationProvider passwords;

    LockingAuthenticationProvider(Logins logins, PasswordEncoder passwordEncoder) {
        this.logins = logins;
        this.passwords = new DaoAuthenticationProvider(userDetailsService(logins));
        passwords.setPasswordEncoder(passwordEncoder);
        // Spring checks a disabled login before the password; here it is checked after it, so that a disabled login
        // answers a right password just as it answers a wrong one. The lock is the attempt's admission, below.
        passwords.setPreAuthenticationChecks(user -> {
        });
        passwords.setPostAuthenticationChecks(user -> {
            if (!user.isEnabled()) {
                throw new BadCredentialsException("Bad credentials");
            }
        });
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var admitted = logins.attempt(authentication.getName());
        Authentication authenticated;
        try {
            authenticated = passwords.authenticate(authentication);
        } catch (AuthenticationException e) {
            throw new BadCredentialsException("Bad credentials");
        }
        if (!admitted) {
            // Locked: even the right password opens nothing until the lock ends.
            throw new BadCredentialsException("Bad credentials");
        }
        logins.succeeded(authentication.getName());
        return authenticated;
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
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("Bad credentials"));
    }
}
