package org.erlbank.http;

import java.beans.PropertyEditorSupport;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;

/**
 * Reads path variables and query parameters as numbers and UUIDs only when they are written as the specs write
 * them: ASCII digits with an optional minus, and the 8-4-4-4-12 hexadecimal form. Spring's own conversion trims
 * white space and control characters off ({@code " 5"}, {@code "5%1F"}), reads {@code 0x10} as 16 and other
 * scripts' digits as digits, all answered as if the client had sent a valid value. Editors, not converters: when a
 * converter fails, Spring tries its default editors, which are as lenient.
 */
final class StrictParameters {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private StrictParameters() {
    }

    static void register(WebDataBinder binder) {
        binder.registerCustomEditor(Integer.class, editor(WHOLE_NUMBER, Integer::valueOf));
        binder.registerCustomEditor(Long.class, editor(WHOLE_NUMBER, Long::valueOf));
        binder.registerCustomEditor(UUID.class, editor(UUID_TEXT, UUID::fromString));
    }

    private static PropertyEditorSupport editor(Pattern form, Function<String, Object> parse) {
        return new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                if (text == null || !form.matcher(text).matches()) {
                    throw new IllegalArgumentException("not written as the specs write it: " + text);
                }
                setValue(parse.apply(text));
            }
        };
    }
}
