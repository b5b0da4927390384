package io.leadstream.capture.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadstream.capture.dedup.DedupConfig.Policy;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** leadstream.capture.dedup.*: read as in production, where no source may have a policy of its own. */
class DedupConfigTest {

    @Test
    void shouldMergeEverySourceWhenNothingIsConfigured() {
        DedupConfig dedup = mapping(Map.of());

        assertThat(dedup.policy()).isEmpty();
        assertThat(dedup.policyFor("web")).isEqualTo(Policy.MERGE);
        assertThat(dedup.policyFor(null)).isEqualTo(Policy.MERGE);
    }

    @Test
    void shouldUseASourcesOwnPolicyElseTheDefault() {
        DedupConfig dedup = mapping(Map.of(
                "leadstream.capture.dedup.default-policy", "create",
                "leadstream.capture.dedup.policy.\"import\"", "flag",
                "leadstream.capture.dedup.policy.\"partner-site\"", "merge"));

        assertThat(dedup.policyFor("import")).isEqualTo(Policy.FLAG);
        assertThat(dedup.policyFor("Import")).isEqualTo(Policy.FLAG);
        assertThat(dedup.policyFor("partner-site")).isEqualTo(Policy.MERGE);
        assertThat(dedup.policyFor("web")).isEqualTo(Policy.CREATE);
    }

    @Test
    void shouldMatchNamesAtTheSameCompanyFuzzilyByDefault() {
        DedupConfig dedup = mapping(Map.of());

        assertThat(dedup.fuzzy().enabled()).isTrue();
        assertThat(dedup.fuzzy().nameSimilarity()).isEqualTo(0.55);
        assertThat(dedup.fuzzy().maxSuspects()).isEqualTo(20);
    }

    @Test
    void shouldReadTheFuzzySettings() {
        DedupConfig dedup = mapping(Map.of(
                "leadstream.capture.dedup.fuzzy.enabled", "false",
                "leadstream.capture.dedup.fuzzy.name-similarity", "0.7",
                "leadstream.capture.dedup.fuzzy.max-suspects", "5"));

        assertThat(dedup.fuzzy().enabled()).isFalse();
        assertThat(dedup.fuzzy().nameSimilarity()).isEqualTo(0.7);
        assertThat(dedup.fuzzy().maxSuspects()).isEqualTo(5);
    }

    private static DedupConfig mapping(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withMapping(DedupConfig.class)
                .build();
        return config.getConfigMapping(DedupConfig.class);
    }
}
