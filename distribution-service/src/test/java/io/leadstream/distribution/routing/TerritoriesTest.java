package io.leadstream.distribution.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class TerritoriesTest {

    @Test
    void shouldKnowEveryIsoCountryAndEveryRegion() {
        assertThat(Territories.isKnown("DE")).isTrue();
        assertThat(Territories.isKnown("GB")).isTrue();
        assertThat(Territories.isKnown("NA")).isTrue(); // Namibia
        assertThat(Territories.regions())
                .containsExactly("APAC", "BENELUX", "DACH", "EMEA", "EU", "LATAM", "NORAM", "NORDICS");
        Territories.regions().forEach(region -> assertThat(Territories.isKnown(region)).as(region).isTrue());
        assertThat(Set.of(Locale.getISOCountries())).allMatch(Territories::isCountry);
    }

    @Test
    void shouldNotKnowCodesThatAreNeitherACountryNorARegion() {
        assertThat(Territories.isKnown("UK")).isFalse(); // the United Kingdom is GB
        assertThat(Territories.isKnown("XX")).isFalse();
        assertThat(Territories.isKnown("de")).isFalse(); // codes are upper-case; the API normalises them
        assertThat(Territories.isKnown("DEU")).isFalse(); // alpha-3
        assertThat(Territories.isKnown("")).isFalse();
        assertThat(Territories.isKnown(null)).isFalse();
    }

    @Test
    void shouldKeepRegionCodesApartFromCountryCodes() {
        // a region code that is also a country's would make a rep covering that country cover the region
        Territories.regions().forEach(region -> assertThat(Territories.isCountry(region)).as(region).isFalse());
        assertThat(Territories.isRegion("NA")).isFalse();
        assertThat(Territories.countriesOf("NORAM")).containsExactly("BM", "CA", "GL", "PM", "US");
    }

    @Test
    void shouldListTheRegionsCountries() {
        assertThat(Territories.countriesOf("DACH")).containsExactly("AT", "CH", "DE");
        assertThat(Territories.countriesOf("BENELUX")).containsExactly("BE", "LU", "NL");
        assertThat(Territories.countriesOf("NORDICS")).containsExactly("DK", "FI", "IS", "NO", "SE");
        assertThat(Territories.countriesOf("EU")).hasSize(27).contains("GR", "HR", "IE").doesNotContain("GB", "CH", "NO");
        assertThat(Territories.countriesOf("EMEA")).contains("DE", "GB", "CH", "AE", "TR", "ZA", "NG", "EG", "NA")
                .containsAll(Territories.countriesOf("EU")).doesNotContain("US", "BR", "JP");
        assertThat(Territories.countriesOf("LATAM")).contains("MX", "BR", "AR", "CL", "PR").doesNotContain("US", "ES");
        assertThat(Territories.countriesOf("APAC")).contains("JP", "CN", "IN", "AU", "NZ", "SG").doesNotContain("IR", "RU");
        assertThat(Territories.countriesOf("DE")).isEmpty();
    }

    @Test
    void shouldPutEveryCountryButAntarcticaInOneWorldRegion() {
        Set<String> world = new TreeSet<>();
        for (String region : List.of("EMEA", "NORAM", "LATAM", "APAC")) {
            world.addAll(Territories.countriesOf(region));
        }
        Set<String> outside = new TreeSet<>(Set.of(Locale.getISOCountries()));
        outside.removeAll(world);
        assertThat(outside).containsExactly("AQ");
    }

    @Test
    void shouldPutTheSmallRegionsInsideTheWorldRegionsWithoutOverlap() {
        assertThat(Territories.countriesOf("DACH")).allMatch(c -> Territories.countriesOf("EMEA").contains(c));
        assertThat(Territories.countriesOf("BENELUX")).allMatch(c -> Territories.countriesOf("EU").contains(c));
        assertThat(Territories.countriesOf("NORDICS")).allMatch(c -> Territories.countriesOf("EMEA").contains(c));
        // the four world regions do not overlap
        for (String a : Set.of("EMEA", "NORAM", "LATAM", "APAC")) {
            for (String b : Set.of("EMEA", "NORAM", "LATAM", "APAC")) {
                if (!a.equals(b)) {
                    assertThat(Territories.countriesOf(a)).as(a + " and " + b)
                            .doesNotContainAnyElementsOf(Territories.countriesOf(b));
                }
            }
        }
    }

    @Test
    void shouldCoverEveryCountryWithAnEmptySet() {
        assertThat(Territories.covers(Set.of(), "DE")).isTrue();
        assertThat(Territories.covers(Set.of(), null)).isTrue();
        assertThat(Territories.covers(null, "JP")).isTrue();
    }

    @Test
    void shouldCoverACountryListedItselfOrInAListedRegion() {
        assertThat(Territories.covers(Set.of("FR"), "FR")).isTrue();
        assertThat(Territories.covers(Set.of("DACH"), "AT")).isTrue();
        assertThat(Territories.covers(Set.of("FR", "BENELUX"), "LU")).isTrue();
        assertThat(Territories.covers(Set.of("EMEA"), "ZA")).isTrue();
        assertThat(Territories.covers(Set.of("DACH"), " ch ")).isTrue(); // the lead's country as given
    }

    @Test
    void shouldNotCoverACountryOutsideTheListedTerritories() {
        assertThat(Territories.covers(Set.of("DACH"), "FR")).isFalse();
        assertThat(Territories.covers(Set.of("FR"), "BE")).isFalse();
        assertThat(Territories.covers(Set.of("EU"), "GB")).isFalse();
        assertThat(Territories.covers(Set.of("NORAM"), "MX")).isFalse();
        // Namibia is not North America
        assertThat(Territories.covers(Set.of("NA"), "US")).isFalse();
        assertThat(Territories.covers(Set.of("NA"), "NA")).isTrue();
        // a region is not a country: a lead "from DACH" is no lead of a rep covering DE
        assertThat(Territories.covers(Set.of("DE"), "DACH")).isFalse();
    }

    @Test
    void shouldNotCoverALeadWithoutCountryWhenTheRepIsLimited() {
        assertThat(Territories.covers(Set.of("DACH"), null)).isFalse();
        assertThat(Territories.covers(Set.of("DACH"), " ")).isFalse();
    }
}
