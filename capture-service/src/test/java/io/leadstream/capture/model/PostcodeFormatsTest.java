package io.leadstream.capture.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** quality.postcodeValid: each country's format, with codes of that country and codes that are not. */
class PostcodeFormatsTest {

    /** Real codes (or real in form), as people type them: case and spaces vary. */
    static final Map<String, List<String>> VALID = new TreeMap<>(Map.ofEntries(
            Map.entry("AT", List.of("1010", "6020")),
            Map.entry("BE", List.of("1000", "9000")),
            Map.entry("BG", List.of("1000")),
            Map.entry("CY", List.of("1010")),
            Map.entry("CZ", List.of("110 00", "11000")),
            Map.entry("DE", List.of("10115", "01067", " 80331 ", "DE-10115")),
            Map.entry("DK", List.of("1050")),
            Map.entry("EE", List.of("10111")),
            Map.entry("ES", List.of("28013", "08001", "52001")),
            Map.entry("FI", List.of("00100", "FI-00100")),
            Map.entry("FR", List.of("75008", "75 008", "97400")),
            Map.entry("GR", List.of("105 57", "10557")),
            Map.entry("HR", List.of("10000")),
            Map.entry("HU", List.of("1051")),
            Map.entry("IE", List.of("D02 X285", "d02x285", "D6W 1234", "A65 F4E2")),
            Map.entry("IT", List.of("00144", "20121")),
            Map.entry("LT", List.of("01100", "LT-01100")),
            Map.entry("LU", List.of("1234", "L-1234")),
            Map.entry("LV", List.of("LV-1010", "lv-1010", "1010")),
            Map.entry("MT", List.of("VLT 1117", "msd1000")),
            Map.entry("NL", List.of("1234 AB", "1234ab", "1234  ab")),
            Map.entry("PL", List.of("00-950", "00–950")),
            Map.entry("PT", List.of("1000-001")),
            Map.entry("RO", List.of("010011")),
            Map.entry("SE", List.of("114 55", "11455")),
            Map.entry("SI", List.of("1000", "SI-1000")),
            Map.entry("SK", List.of("811 01", "81101")),
            Map.entry("GB", List.of("SW1Y 4LB", "sw1y4lb", "EC1A 1BB", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT",
                    "W1A 0AX", "GIR 0AA", "SW1Y\u00A04LB")),
            Map.entry("CH", List.of("8001", "CH-8001")),
            Map.entry("IS", List.of("101")),
            Map.entry("LI", List.of("9490", "FL-9490")),
            Map.entry("MC", List.of("98000")),
            Map.entry("NO", List.of("0150", "5003")),
            Map.entry("RS", List.of("11000", "101801")),
            Map.entry("TR", List.of("34000")),
            Map.entry("UA", List.of("01001")),
            Map.entry("RU", List.of("101000")),
            Map.entry("US", List.of("94103", "94103-1234", "94103 1234")),
            Map.entry("CA", List.of("K1A 0B1", "k1a0b1", "M5V 3L9")),
            Map.entry("MX", List.of("06600")),
            Map.entry("BR", List.of("01310-100", "01310100")),
            Map.entry("AR", List.of("C1070AAM", "1000")),
            Map.entry("CL", List.of("8320000")),
            Map.entry("AU", List.of("2000", "0800")),
            Map.entry("NZ", List.of("6011")),
            Map.entry("JP", List.of("100-0001", "1000001")),
            Map.entry("KR", List.of("03051")),
            Map.entry("CN", List.of("100000")),
            Map.entry("TW", List.of("100", "10048", "100001")),
            Map.entry("IN", List.of("110001", "110 001")),
            Map.entry("SG", List.of("018956")),
            Map.entry("MY", List.of("50000")),
            Map.entry("TH", List.of("10110")),
            Map.entry("ID", List.of("10110")),
            Map.entry("PH", List.of("1000")),
            Map.entry("IL", List.of("9614303", "61000")),
            Map.entry("ZA", List.of("0001", "8001"))));

    /** Typos and other countries' codes. */
    static final Map<String, List<String>> INVALID = new TreeMap<>(Map.ofEntries(
            Map.entry("AT", List.of("101", "10100")),
            Map.entry("BE", List.of("0999", "10000")),
            Map.entry("BG", List.of("10000")),
            Map.entry("CY", List.of("101")),
            Map.entry("CZ", List.of("1100", "110-00")),
            Map.entry("DE", List.of("1011", "101150", "10115 Berlin", "D1011", "SW1Y 4LB")),
            Map.entry("DK", List.of("10500")),
            Map.entry("EE", List.of("1011")),
            Map.entry("ES", List.of("2801", "53001", "00001")),
            Map.entry("FI", List.of("0010")),
            Map.entry("FR", List.of("7500", "750080")),
            Map.entry("GR", List.of("1055")),
            Map.entry("HR", List.of("1000")),
            Map.entry("HU", List.of("10510")),
            Map.entry("IE", List.of("D02 X28", "B12 3456", "D02")),
            Map.entry("IT", List.of("0014")),
            Map.entry("LT", List.of("0110")),
            Map.entry("LU", List.of("12345")),
            Map.entry("LV", List.of("LV-101", "LV1010X")),
            Map.entry("MT", List.of("VL 1117", "VLT")),
            Map.entry("NL", List.of("0123 AB", "1234 A", "1234")),
            Map.entry("PL", List.of("00950", "00-95")),
            Map.entry("PT", List.of("1000", "1000001")),
            Map.entry("RO", List.of("01001")),
            Map.entry("SE", List.of("1145")),
            Map.entry("SI", List.of("100")),
            Map.entry("SK", List.of("8110")),
            Map.entry("GB", List.of("SW1Y 4CB", "QW1 1AA", "SW1Y", "10115", "SW1Y 4LBB")),
            Map.entry("CH", List.of("0800", "80010")),
            Map.entry("IS", List.of("1010")),
            Map.entry("LI", List.of("9500", "8001")),
            Map.entry("MC", List.of("97000")),
            Map.entry("NO", List.of("150")),
            Map.entry("RS", List.of("1100")),
            Map.entry("TR", List.of("3400")),
            Map.entry("UA", List.of("0100")),
            Map.entry("RU", List.of("10100")),
            Map.entry("US", List.of("9410", "94103-12", "941031")),
            Map.entry("CA", List.of("D1A 0B1", "K1A 0B", "12345")),
            Map.entry("MX", List.of("0660")),
            Map.entry("BR", List.of("01310-10")),
            Map.entry("AR", List.of("C107")),
            Map.entry("CL", List.of("832000")),
            Map.entry("AU", List.of("200", "20000")),
            Map.entry("NZ", List.of("601")),
            Map.entry("JP", List.of("100-001")),
            Map.entry("KR", List.of("0305")),
            Map.entry("CN", List.of("10000")),
            Map.entry("TW", List.of("1000")),
            Map.entry("IN", List.of("011001", "11000")),
            Map.entry("SG", List.of("01895")),
            Map.entry("MY", List.of("5000")),
            Map.entry("TH", List.of("1011")),
            Map.entry("ID", List.of("1011")),
            Map.entry("PH", List.of("100")),
            Map.entry("IL", List.of("961430")),
            Map.entry("ZA", List.of("001"))));

    static Stream<Arguments> valid() {
        return VALID.entrySet().stream().flatMap(e -> e.getValue().stream().map(code -> Arguments.of(e.getKey(), code)));
    }

    static Stream<Arguments> invalid() {
        return INVALID.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(code -> Arguments.of(e.getKey(), code)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("valid")
    void shouldAcceptACodeOfTheCountrysFormat(String country, String code) {
        assertThat(PostcodeFormats.matches(country, code)).isTrue();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalid")
    void shouldRefuseACodeNotOfTheCountrysFormat(String country, String code) {
        assertThat(PostcodeFormats.matches(country, code)).isFalse();
    }

    @Test
    void shouldTestEveryCountryItKnowsBothWays() {
        assertThat(VALID.keySet()).containsExactlyInAnyOrderElementsOf(PostcodeFormats.countries());
        assertThat(INVALID.keySet()).containsExactlyInAnyOrderElementsOf(PostcodeFormats.countries());
    }

    @Test
    void shouldKnowTheEuropeanUnionAndTheMostCommonCountriesBeyond() {
        assertThat(PostcodeFormats.countries()).contains("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE",
                "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "GB", "CH",
                "NO", "US", "CA", "AU", "NZ", "JP", "IN", "BR", "MX", "ZA", "SG").hasSizeGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "[{0}] [{1}]")
    @CsvSource(nullValues = "null", value = {
            "DE, null", // no postal code
            "DE, '  '",
            "null, 10115", // no country
            "AE, 12345", // no postal codes there
            "HK, 999077",
            "XX, 10115" })
    void shouldNotTellWithoutACodeACountryOrAKnownFormat(String country, String code) {
        assertThat(PostcodeFormats.matches(country, code)).isNull();
    }

    @Test
    void shouldNormaliseCaseSpacesAndDashesBeforeMatching() {
        assertThat(PostcodeFormats.normalise("  sw1y \t 4lb ")).isEqualTo("SW1Y 4LB");
        assertThat(PostcodeFormats.normalise("00\u2013950")).isEqualTo("00-950");
        assertThat(PostcodeFormats.matches("gb", "sw1y 4lb")).isTrue();
    }
}
