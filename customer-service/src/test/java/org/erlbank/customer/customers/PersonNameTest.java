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

    @Test
    void keepsNonLatinNames() {
        var name = new PersonName("Zoë", "Ørsted-Ñúñez");

        assertThat(name).isEqualTo(new PersonName("Zoë", "Ørsted-Ñúñez"));
    }
}
