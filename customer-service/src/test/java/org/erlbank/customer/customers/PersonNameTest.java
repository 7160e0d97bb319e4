package org.erlbank.customer.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PersonNameTest {

    @Test
    void trimsSurroundingWhiteSpace() {
        var name = new PersonName("  Ada ", "\tLovelace\u00a0");

        assertThat(name.givenName()).isEqualTo("Ada");
        assertThat(name.surname()).isEqualTo("Lovelace");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", " ", "\t\n", "\u2003", "\u00a0" })
    void rejectsBlankGivenName(String givenName) {
        assertThatThrownBy(() -> new PersonName(givenName, "Lovelace"))
                .isInstanceOf(InvalidPartException.class)
                .satisfies(e -> assertThat(((InvalidPartException) e).part()).isEqualTo("givenName"))
                .hasMessage("givenName must not be blank");
    }

    @Test
    void rejectsBlankSurname() {
        assertThatThrownBy(() -> new PersonName("Ada", " "))
                .isInstanceOf(InvalidPartException.class)
                .satisfies(e -> assertThat(((InvalidPartException) e).part()).isEqualTo("surname"));
    }

    @Test
    void acceptsNamesUpToTheLimitCountedInCharactersNotBytes() {
        var longest = "ß".repeat(PersonName.MAX_LENGTH);

        assertThat(new PersonName(longest, "x").givenName()).hasSize(PersonName.MAX_LENGTH);
        assertThatThrownBy(() -> new PersonName(longest + "ß", "x"))
                .isInstanceOf(InvalidPartException.class)
                .hasMessage("givenName must be at most 100 characters long");
    }

    @Test
    void countsSupplementaryCharactersOnce() {
        var emoji = "\uD83D\uDE00".repeat(PersonName.MAX_LENGTH);

        assertThat(new PersonName("x", emoji).surname()).isEqualTo(emoji);
    }

    @ParameterizedTest
    @ValueSource(strings = { "Ada\u0000", "A\nda", "Ada\u007F", "A\u0007da" })
    void rejectsControlCharacters(String givenName) {
        assertThatThrownBy(() -> new PersonName(givenName, "Lovelace"))
                .isInstanceOf(InvalidPartException.class)
                .hasMessage("givenName must not contain control characters");
    }

    /**
     * Letters beyond ASCII, and other scripts, are kept character for character. (Written as escapes, so that no
     * editor or source encoding changes the characters under test.)
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "Zo\u00eb", // Latin with a diaeresis, precomposed
            "\u00d8rsted-\u00d1\u00fa\u00f1ez", // Latin letters of their own, and a hyphen
            "\u041f\u0451\u0442\u0440", // Cyrillic: Pyotr
            "\u03a3\u03c9\u03ba\u03c1\u03ac\u03c4\u03b7\u03c2", // Greek: Socrates, with a final sigma
            "\u5c71\u7530", // Han: Yamada
            "\u0639\u0644\u064a", // Arabic: Ali, written right to left
            "\ud801\udc00\ud801\udc2f" }) // Deseret, outside the Basic Multilingual Plane
    void keepsNonLatinNames(String given) {
        var name = new PersonName(given, given);

        assertThat(name.givenName()).isEqualTo(given);
        assertThat(name.surname()).isEqualTo(given);
    }

    /**
     * Nothing is normalised, as the production rules say (trimmed, checked, otherwise kept): a letter written as a
     * base letter and a combining mark stays so, and trimming takes other scripts' spaces but no letter.
     */
    @Test
    void keepsCombiningMarksAsGivenAndTrimsOtherScriptsSpaces() {
        var decomposed = new PersonName("Zoe\u0308", "\u3000\u5c71\u7530\u3000");

        assertThat(decomposed.givenName().codePoints().toArray()).containsExactly('Z', 'o', 'e', 0x0308);
        assertThat(decomposed.givenName()).isNotEqualTo("Zo\u00eb");
        assertThat(decomposed.surname().codePoints().toArray()).containsExactly(0x5c71, 0x7530);
    }
}
