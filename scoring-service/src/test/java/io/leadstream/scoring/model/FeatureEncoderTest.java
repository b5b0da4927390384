package io.leadstream.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FeatureEncoderTest {

    @Test
    void shouldGiveAColumnOnlyToCategoriesSeenAtLeastMinCountTimes() {
        List<Map<String, Object>> examples = List.of(Map.of("country", "DE"), Map.of("country", "DE"),
                Map.of("country", "DE"), Map.of("country", "FR"), Map.of("country", "FR"), Map.of("country", "GB"));

        assertThat(FeatureEncoder.fit(examples).featureNames()).containsExactly("country=DE");
        assertThat(FeatureEncoder.fit(examples, 2).featureNames()).containsExactly("country=DE", "country=FR");
        assertThat(FeatureEncoder.fit(examples, 1).featureNames())
                .containsExactly("country=DE", "country=FR", "country=GB");
    }

    @Test
    void shouldEncodeACategoryAsOneHotAndAnUnknownOneAsZeros() {
        FeatureEncoder encoder = FeatureEncoder.fit(List.of(Map.of("country", "DE"), Map.of("country", "FR"),
                Map.of("country", "GB")), 1);

        assertThat(encoder.encode(Map.of("country", "FR"))).containsExactly(0, 1, 0);
        assertThat(encoder.encode(Map.of("country", "JP"))).containsExactly(0, 0, 0);
    }

    @Test
    void shouldEncodeMissingAndNullValuesAsZeros() {
        FeatureEncoder encoder = FeatureEncoder.fit(List.of(
                Map.of("country", "DE", "emailValid", true, "dealSize", 100, "products", List.of("solar")),
                Map.of("country", "DE", "emailValid", false, "dealSize", 1000, "products", List.of("solar")),
                Map.of("country", "DE", "emailValid", true, "dealSize", 10, "products", List.of("solar"))));
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("country", null);
        nulls.put("emailValid", null);
        nulls.put("dealSize", null);
        nulls.put("products", null);

        assertThat(encoder.size()).isEqualTo(4);
        assertThat(encoder.encode(Map.of())).containsOnly(0);
        assertThat(encoder.encode(nulls)).containsOnly(0);
        assertThat(encoder.encode(Map.of("dealSize", Double.NaN))).containsOnly(0);
        assertThat(encoder.encode(Map.of("products", List.of()))).containsOnly(0);
    }

    @Test
    void shouldEncodeASetAsMultiHotCountingEachExampleOnce() {
        FeatureEncoder encoder = FeatureEncoder.fit(List.of(
                Map.of("products", List.of("heat-pumps", "solar")),
                Map.of("products", List.of("heat-pumps", "boilers", "boilers", "boilers")),
                Map.of("products", Set.of("heat-pumps", "solar")),
                Map.of("products", List.of("solar"))));

        // boilers is listed three times but in one example only: below minCount 3
        assertThat(encoder.featureNames()).containsExactly("products∋heat-pumps", "products∋solar");
        assertThat(encoder.encode(Map.of("products", List.of("solar", "heat-pumps", "boilers"))))
                .containsExactly(1, 1);
        assertThat(encoder.encode(Map.of("products", List.of("solar")))).containsExactly(0, 1);
    }

    @Test
    void shouldEncodeBooleansAsZeroOrOne() {
        FeatureEncoder encoder = FeatureEncoder.fit(List.of(Map.of("emailValid", true), Map.of("emailValid", false)));

        assertThat(encoder.featureNames()).containsExactly("emailValid");
        assertThat(encoder.encode(Map.of("emailValid", true))).containsExactly(1);
        assertThat(encoder.encode(Map.of("emailValid", false))).containsExactly(0);
    }

    @Test
    void shouldStandardiseTheLogOfNumbers() {
        double e = Math.E;
        // log1p gives 0, 1 and 2: mean 1, standard deviation sqrt(2/3)
        FeatureEncoder encoder = FeatureEncoder.fit(List.of(Map.of("dealSize", 0), Map.of("dealSize", e - 1),
                Map.of("dealSize", e * e - 1)));
        FeatureEncoder.Column column = encoder.columns().get(0);

        assertThat(column.name()).isEqualTo("dealSize");
        assertThat(column.mean()).isCloseTo(1, within(1e-12));
        assertThat(column.scale()).isCloseTo(Math.sqrt(2.0 / 3), within(1e-12));
        assertThat(encoder.encode(Map.of("dealSize", e - 1.0))[0]).isCloseTo(0, within(1e-12));
        assertThat(encoder.encode(Map.of("dealSize", e * e - 1))[0]).isCloseTo(Math.sqrt(1.5), within(1e-12));
        assertThat(encoder.encode(Map.of("dealSize", 0))[0]).isCloseTo(-Math.sqrt(1.5), within(1e-12));
        // a negative number counts as 0
        assertThat(encoder.encode(Map.of("dealSize", -500L))[0]).isCloseTo(-Math.sqrt(1.5), within(1e-12));
    }

    @Test
    void shouldKeepAConstantNumberAtZero() {
        FeatureEncoder encoder = FeatureEncoder.fit(List.of(Map.of("seats", 5), Map.of("seats", 5)));

        assertThat(encoder.columns().get(0).scale()).isEqualTo(1);
        assertThat(encoder.encode(Map.of("seats", 5))).containsExactly(0);
    }

    @Test
    void shouldOrderColumnsByName() {
        Map<String, Object> lead = Map.of("source", "web", "country", "DE", "emailValid", true, "dealSize", 3,
                "products", List.of("solar", "batteries"));
        FeatureEncoder encoder = FeatureEncoder.fit(List.of(lead, lead, lead));

        assertThat(encoder.featureNames()).containsExactly("country=DE", "dealSize", "emailValid",
                "products∋batteries", "products∋solar", "source=web");
    }

    @Test
    void shouldRefuseAnAttributeOfTwoTypes() {
        assertThatThrownBy(() -> FeatureEncoder.fit(List.of(Map.of("dealSize", 5), Map.of("dealSize", "big"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dealSize");
        FeatureEncoder encoder = FeatureEncoder.fit(List.of(Map.of("dealSize", 5)));
        assertThatThrownBy(() -> encoder.encode(Map.of("dealSize", "big")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dealSize");
    }

    @Test
    void shouldRefuseValuesOfOtherTypes() {
        assertThatThrownBy(() -> FeatureEncoder.fit(List.of(Map.of("capturedAt", new Object()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capturedAt");
    }
}
