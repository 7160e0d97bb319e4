package org.erlbank.http.security;

import java.util.regex.Pattern;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with its rules unchanged, but the characters of header names, header
 * values and parameter names checked with a loop instead of its regular expressions
 * ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, and for header values the same with a tab allowed).
 *
 * <p>The firewall checks a header's value every time anything reads it, and a request's {@code Authorization} header
 * is read several times in the gateway (Spring Security's DPoP matcher, the bearer token's resolver, the CSRF rule,
 * the copy of the headers for the service) and again in the service: the regular expression, which asks for each of
 * the token's 700 characters its Unicode category, was a fifth of the gateway's CPU at saturation (JFR, README
 * "Benchmarks"). The loop lets printable ASCII through at once and asks the category only for anything else,
 * so it accepts and refuses exactly the same strings ({@code ErlbankFirewallTest} holds it against the expressions).
 */
public final class ErlbankFirewall extends StrictHttpFirewall {

    /** Spring Security's rule for header and parameter names: assigned characters, no control characters. */
    static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    /** Spring Security's rule for header values: the same, and a tab (its expression also names '|'). */
    static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    /** Spring Security's strict firewall, its character rules checked by {@link #name} and {@link #value}. */
    public ErlbankFirewall() {
        setAllowedHeaderNames(ErlbankFirewall::name);
        setAllowedHeaderValues(ErlbankFirewall::value);
        setAllowedParameterNames(ErlbankFirewall::name);
    }

    /** Whether a header or parameter name has only assigned characters and no control characters. */
    static boolean name(String name) {
        return allowed(name, false);
    }

    /** Whether a header value has only assigned characters and no control characters other than a tab. */
    static boolean value(String value) {
        return allowed(value, true);
    }

    private static boolean allowed(String text, boolean tab) {
        int at = 0;
        int end = text.length();
        while (at < end) {
            char c = text.charAt(at);
            if (c >= ' ' && c < 0x7f) {
                at++;
                continue;
            }
            // Code points, as the regular expression reads them: a surrogate pair is one character.
            int codePoint = text.codePointAt(at);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
                return false;
            }
            at += Character.charCount(codePoint);
        }
        return true;
    }
}
