package org.erlbank.http.security;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a service's bearer tokens come from and whom they must be for.
 *
 * @param issuer the {@code iss} every token must carry, exactly (auth-server: {@code http://localhost:9000})
 * @param jwkSetUri where the signing keys are published; {@code <issuer>/oauth2/jwks} (Spring Authorization
 *        Server's endpoint) unless set, for a service that reaches auth-server at another address than its issuer
 * @param audience what every token's {@code aud} must contain
 * @param clockSkew how far the clocks of auth-server and a service may disagree on {@code exp} and {@code nbf}
 */
@ConfigurationProperties("erlbank.security")
public record ErlbankSecurityProperties(String issuer, URI jwkSetUri, String audience, Duration clockSkew) {

    public static final String DEFAULT_AUDIENCE = "erlbank";
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(5);

    public ErlbankSecurityProperties {
        audience = audience == null || audience.isBlank() ? DEFAULT_AUDIENCE : audience;
        clockSkew = clockSkew == null ? DEFAULT_CLOCK_SKEW : clockSkew;
    }

    /** The settings of a service whose tokens come from {@code issuer} and publishes its keys at the default path. */
    public static ErlbankSecurityProperties forIssuer(String issuer) {
        return new ErlbankSecurityProperties(issuer, null, null, null);
    }

    /** {@link #jwkSetUri()} as set, or the issuer's default endpoint. */
    public URI jwkSetUriOrDefault() {
        if (jwkSetUri != null) {
            return jwkSetUri;
        }
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalStateException("erlbank.security.issuer is not set");
        }
        return URI.create(issuer.replaceAll("/+$", "") + "/oauth2/jwks");
    }
}
