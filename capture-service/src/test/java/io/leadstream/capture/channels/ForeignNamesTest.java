package io.leadstream.capture.channels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.leadstream.capture.model.Names;

class ForeignNamesTest {

    @Test
    void shouldSplitAFullNameAtItsLastSpace() {
        assertThat(ForeignNames.split("  Ada   King Lovelace ")).isEqualTo(new ForeignNames.Split("Ada King", "Lovelace"));
    }

    @Test
    void shouldFallBackToUnknownForMissingParts() {
        assertThat(ForeignNames.split("Cher")).isEqualTo(new ForeignNames.Split("Cher", "Unknown"));
        assertThat(ForeignNames.split(" ")).isEqualTo(new ForeignNames.Split("Unknown", "Unknown"));
        assertThat(ForeignNames.split(null)).isEqualTo(new ForeignNames.Split("Unknown", "Unknown"));
        assertThat(Names.looksReal("Cher", ForeignNames.UNKNOWN)).as("scoring sees the gap").isFalse();
    }

    @Test
    void shouldPreferGivenPartsAndFillTheOtherFromTheFullName() {
        assertThat(ForeignNames.of("Grace", "Hopper", "ignored name")).isEqualTo(new ForeignNames.Split("Grace", "Hopper"));
        assertThat(ForeignNames.of("Grace", null, "Grace Hopper")).isEqualTo(new ForeignNames.Split("Grace", "Hopper"));
        assertThat(ForeignNames.of(null, "Hopper", "Grace Hopper")).isEqualTo(new ForeignNames.Split("Grace", "Hopper"));
        assertThat(ForeignNames.of("Grace", null, null)).isEqualTo(new ForeignNames.Split("Grace", "Unknown"));
        assertThat(ForeignNames.of(null, null, "Grace Hopper")).isEqualTo(new ForeignNames.Split("Grace", "Hopper"));
    }

    @Test
    void shouldCutPartsTo100Characters() {
        assertThat(ForeignNames.split("x".repeat(150) + " Y").firstName()).hasSize(100);
    }
}
