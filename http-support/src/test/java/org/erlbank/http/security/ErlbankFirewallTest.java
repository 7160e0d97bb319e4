package org.erlbank.http.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

class ErlbankFirewallTest {

    @Test
    void acceptsExactlyWhatSpringSecuritysExpressionsAcceptForEveryCharacter() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            // Every character of the basic plane, every 7th beyond it (a million regular expressions are slow).
            if (codePoint > 0xFFFF && codePoint % 7 != 0) {
                continue;
            }
            var alone = new String(Character.toChars(codePoint));
            assertSame(alone);
            assertSame("Bearer ab" + alone + "cd");
        }
    }

    @Test
    void acceptsExactlyWhatSpringSecuritysExpressionsAcceptForRandomStrings() {
        long seed = new Random().nextLong();
        var random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            var text = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                switch (random.nextInt(6)) {
                    case 0 -> text.append((char) (' ' + random.nextInt(0x5f)));
                    case 1 -> text.append((char) random.nextInt(0x20));
                    case 2 -> text.append((char) (0x7f + random.nextInt(0x81)));
                    // A lone surrogate, high or low: one character the expression reads as a code point of its own.
                    case 3 -> text.append((char) (0xD800 + random.nextInt(0x800)));
                    case 4 -> text.appendCodePoint(0x10000 + random.nextInt(Character.MAX_CODE_POINT - 0xFFFF));
                    default -> text.append((char) random.nextInt(0x10000));
                }
            }
            assertThat(ErlbankFirewall.name(text.toString()))
                    .as("name %s (seed %d)", escaped(text), seed).isEqualTo(matches(ErlbankFirewall.NAMES, text));
            assertThat(ErlbankFirewall.value(text.toString()))
                    .as("value %s (seed %d)", escaped(text), seed).isEqualTo(matches(ErlbankFirewall.VALUES, text));
        }
    }

    @Test
    void theExpressionsAreSpringSecuritysOwn() {
        // Spring Security's default firewall and ours refuse and accept the same headers (the expressions above are
        // copied from it: this holds them to it).
        for (var value : new String[] { "plain", "tab\there", "bell\u0007", "c1\u0085", "unassigned\u0378",
                "private\uE000", "emoji\uD83D\uDE00", "lone\uD800", "" }) {
            boolean spring = accepted(new org.springframework.security.web.firewall.StrictHttpFirewall(), value);
            assertThat(accepted(new ErlbankFirewall(), value)).as(escaped(value)).isEqualTo(spring)
                    .isEqualTo(matches(ErlbankFirewall.VALUES, value));
        }
    }

    @Test
    void refusesAControlCharacterInAHeaderOrAParameterNameAndKeepsTheOtherRules() {
        var firewall = new ErlbankFirewall();
        var request = new MockHttpServletRequest("GET", "/accounts/1");
        request.addHeader("Authorization", "Bearer abc.def.ghi");
        request.addHeader("X-Bad", "a\u0085b");
        request.addHeader("X-Bad\u0007Name", "ok");
        request.addParameter("own\u0000er", "x");
        var firewalled = firewall.getFirewalledRequest(request);

        assertThat(firewalled.getHeader("Authorization")).isEqualTo("Bearer abc.def.ghi");
        assertThatThrownBy(() -> firewalled.getHeader("X-Bad")).isInstanceOf(RequestRejectedException.class);
        assertThatThrownBy(() -> firewalled.getHeaders("X-Bad").nextElement())
                .isInstanceOf(RequestRejectedException.class);
        assertThatThrownBy(() -> firewalled.getHeader("X-Bad\u0007Name")).isInstanceOf(RequestRejectedException.class);
        assertThatThrownBy(() -> firewalled.getParameterMap()).isInstanceOf(RequestRejectedException.class);
        // The path rules are Spring Security's, unchanged: an encoded slash is still refused.
        var encodedSlash = new MockHttpServletRequest("GET", "/accounts/a%2Fb");
        assertThatThrownBy(() -> firewall.getFirewalledRequest(encodedSlash))
                .isInstanceOf(RequestRejectedException.class);
    }

    private static boolean accepted(org.springframework.security.web.firewall.StrictHttpFirewall firewall,
            String value) {
        var request = new MockHttpServletRequest("GET", "/");
        request.addHeader("X-Value", value);
        try {
            firewall.getFirewalledRequest(request).getHeader("X-Value");
            return true;
        } catch (RequestRejectedException ex) {
            return false;
        }
    }

    private static void assertSame(String text) {
        assertThat(ErlbankFirewall.name(text)).as("name %s", escaped(text))
                .isEqualTo(matches(ErlbankFirewall.NAMES, text));
        assertThat(ErlbankFirewall.value(text)).as("value %s", escaped(text))
                .isEqualTo(matches(ErlbankFirewall.VALUES, text));
    }

    private static boolean matches(Pattern pattern, CharSequence text) {
        return pattern.matcher(text).matches();
    }

    private static String escaped(CharSequence text) {
        var escaped = new StringBuilder();
        text.chars().forEach(c -> escaped.append(c >= ' ' && c < 0x7f ? String.valueOf((char) c)
                : String.format("\\u%04X", c)));
        return escaped.toString();
    }
}
