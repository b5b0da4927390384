package io.leadstream.capture.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ada lovelace|Ada Lovelace",
            "ADA LOVELACE|Ada Lovelace",
            "  grace   hopper |Grace Hopper",
            "ludwig van beethoven|Ludwig van Beethoven",
            "VAN DER BERG|Van der Berg",
            "jean-luc|Jean-Luc",
            "o'neil|O'Neil",
            "josé ÁLVAREZ|josé ÁLVAREZ",
            "McDonald|McDonald",
            "d'Artagnan|d'Artagnan",
            "DeShawn|DeShawn" })
    void shouldTitleCaseOnlyNamesWrittenInOneCase(String raw, String expected) {
        assertThat(Names.normalise(raw)).isEqualTo(expected);
    }

    @Test
    void shouldTitleCaseNonLatinLettersWrittenInOneCase() {
        assertThat(Names.normalise("ÉMILE ZOLA")).isEqualTo("Émile Zola");
    }

    @Test
    void shouldTakeRealNamesForReal() {
        assertThat(Names.looksReal("Ada", "Lovelace")).isTrue();
        assertThat(Names.looksReal("Li", "Wu")).isTrue();
        assertThat(Names.looksReal("Zoë", "O'Brien-Smith")).isTrue();
        assertThat(Names.looksReal("J", "Doe")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "test", "Test", "asdf", "aaaa", "n/a", "123", "x1", "-", "qwerty", "unknown" })
    void shouldFlagPlaceholdersAndKeyMashing(String part) {
        assertThat(Names.looksReal(part, "Lovelace")).isFalse();
        assertThat(Names.looksReal("Ada", part)).isFalse();
    }
}
