package org.erlbank.http.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * A verified bearer token and the {@link Caller} it names: the principal a service's rules ask for (through
 * {@link Callers#current()}). Its authorities say the same for Spring Security's own rules: {@code ROLE_CUSTOMER},
 * {@code ROLE_TELLER}, or a service's {@code SCOPE_*}.
 */
public final class CallerAuthentication extends AbstractOAuth2TokenAuthenticationToken<Jwt> {

    private final Caller caller;

    public CallerAuthentication(Jwt jwt, Caller caller) {
        super(jwt, caller, jwt, authorities(caller));
        this.caller = Objects.requireNonNull(caller, "caller");
        setAuthenticated(true);
    }

    public Caller caller() {
        return caller;
    }

    @Override
    public Map<String, Object> getTokenAttributes() {
        return getToken().getClaims();
    }

    @Override
    public String getName() {
        if (caller instanceof Caller.Customer customer) {
            return "customer:" + customer.id();
        }
        if (caller instanceof Caller.Service service) {
            return "service:" + service.clientId();
        }
        return "teller:" + getToken().getSubject();
    }

    static Collection<GrantedAuthority> authorities(Caller caller) {
        if (caller instanceof Caller.Customer) {
            return List.of(new SimpleGrantedAuthority("ROLE_CUSTOMER"));
        }
        if (caller instanceof Caller.Service service) {
            return service.scopes().stream().sorted()
                    .<GrantedAuthority>map(scope -> new SimpleGrantedAuthority("SCOPE_" + scope)).toList();
        }
        return List.of(new SimpleGrantedAuthority("ROLE_TELLER"));
    }
}
