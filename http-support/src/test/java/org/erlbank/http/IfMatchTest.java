package org.erlbank.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IfMatchTest {

    @Test
    void acceptsTheCurrentVersion() {
        assertThat(IfMatch.require("\"3\"").accepts(3)).isTrue();
        assertThat(IfMatch.require("\"3\"").accepts(4)).isFalse();
    }

    @Test
    void acceptsAnyOfSeveralTags() {
        var ifMatch = IfMatch.require("\"1\", \"7\"");

        assertThat(ifMatch.accepts(7)).isTrue();
        assertThat(ifMatch.accepts(2)).isFalse();
    }

    @Test
    void acceptsAnyVersionForTheWildcard() {
        assertThat(IfMatch.require("*").accepts(42)).isTrue();
    }

    @Test
    void neverAcceptsAWeakTagBecauseIfMatchComparesStrongly() {
        assertThat(IfMatch.require("W/\"3\"").accepts(3)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "3", "\"three\"", "garbage, \"" })
    void acceptsNothingForTagsThatAreNotOurs(String header) {
        assertThat(IfMatch.require(header).accepts(3)).isFalse();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "", "  " })
    void requiresTheHeader(String header) {
        assertThatThrownBy(() -> IfMatch.require(header)).isInstanceOf(PreconditionRequiredException.class);
    }
}
