package io.leadstream.capture.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CountriesTest {

    @ParameterizedTest
    @CsvSource({ "gb,GB", "GB,GB", "GBR,GB", "United Kingdom,GB", "uk,GB", "germany,DE", "DEU,DE", " fr ,FR",
            "United States,US", "USA,US" })
    void shouldStoreCountriesAsAlpha2(String raw, String expected) {
        assertThat(Countries.toAlpha2(raw)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = { "XX", "Atlantis", "G", "" })
    void shouldNotGuessUnknownCountries(String raw) {
        assertThat(Countries.toAlpha2(raw)).isEmpty();
    }
}
