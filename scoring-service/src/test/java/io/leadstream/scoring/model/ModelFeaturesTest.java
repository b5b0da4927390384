package io.leadstream.scoring.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.leadstream.scoring.engine.LeadAttributes;
import io.leadstream.scoring.engine.LeadAttributes.Money;
import io.leadstream.scoring.engine.LeadAttributes.Quality;

class ModelFeaturesTest {

    private static final Quality GOOD = new Quality(true, "CORPORATE", true, "MOBILE", "DE", true, true, false, null);

    private static LeadAttributes lead(Money deal, Map<String, Object> custom, Quality quality) {
        return new LeadAttributes("web", "partner-7", "Analytical Engines Ltd", "DE", "Head of Facilities", "de",
                List.of("solar", "heat-pumps", " "), "smb", List.of("fair-2026"), deal, "spring-promo", custom,
                quality);
    }

    @Test
    void shouldTurnAProfileIntoTheModelsFeatures() {
        Map<String, Object> features = ModelFeatures.of(lead(new Money(new BigDecimal("42000.50"), "EUR"),
                Map.of("budgetApproved", true, "employees", 250, "heating", "gas"), GOOD));

        assertThat(features).containsOnly(
                entry("source", "web"), entry("country", "DE"), entry("language", "de"), entry("segment", "smb"),
                entry("hasCampaign", true),
                entry("products", Set.of("heat-pumps", "solar")), entry("tags", Set.of("fair-2026")),
                entry("dealSize", 42000.5), entry("dealCurrency", "EUR"),
                entry("jobSeniority", "DIRECTOR"),
                entry("hasCompany", true), entry("emailValid", true), entry("emailDomainKind", "CORPORATE"),
                entry("phoneValid", true), entry("phoneType", "MOBILE"),
                entry("nameLooksReal", true), entry("addressComplete", false),
                entry("custom.budgetApproved", true), entry("custom.employees", 250), entry("custom.heating", "gas"));
    }

    @Test
    void shouldKeepNoIdentifiersNorNamesNorTheRawTitle() {
        Map<String, Object> features = ModelFeatures.of(lead(null, Map.of(), GOOD));

        assertThat(features).doesNotContainKeys("partnerId", "company", "jobTitle", "campaign", "phoneCountry");
        assertThat(features.values()).doesNotContain("partner-7", "Analytical Engines Ltd", "Head of Facilities",
                "spring-promo");
    }

    @Test
    void shouldCountADealSizeOnlyInEurosAndTellTheCurrencyOfAnyDeal() {
        Map<String, Object> dollars = ModelFeatures.of(lead(new Money(new BigDecimal("90000"), "usd"), Map.of(), GOOD));

        assertThat(dollars).doesNotContainKey("dealSize").containsEntry("dealCurrency", "USD");
        assertThat(ModelFeatures.of(lead(null, Map.of(), GOOD))).doesNotContainKeys("dealSize", "dealCurrency");
    }

    @Test
    void shouldLeaveOutWhatIsNotKnown() {
        LeadAttributes bare = new LeadAttributes(null, null, " ", null, null, null, null, null, null, null, null, null,
                null);

        assertThat(ModelFeatures.of(bare)).containsOnly(
                entry("hasCampaign", false), entry("products", Set.of()), entry("tags", Set.of()),
                entry("hasCompany", false), entry("emailValid", false), entry("phoneValid", false));
        assertThat(ModelFeatures.of(null)).isEmpty();
    }

    @Test
    void shouldTakeCustomQualifiersAsTheyAreAndLeaveOutWhatTheModelCannotRead() {
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("roofArea", 120.5);
        custom.put("interests", List.of("wallbox", "storage"));
        custom.put("address", Map.of("street", "x"));
        custom.put("mixed", List.of("a", 1));
        custom.put("empty", " ");

        Map<String, Object> features = ModelFeatures.of(lead(null, custom, GOOD));

        assertThat(features).containsEntry("custom.roofArea", 120.5)
                .containsEntry("custom.interests", Set.of("storage", "wallbox"))
                .doesNotContainKeys("custom.address", "custom.mixed", "custom.empty");
    }

    @Test
    void shouldTreatAValueOfAnotherTypeThanTheModelLearnedAsMissing() {
        FeatureEncoder encoder = new FeatureEncoder(1, List.of(FeatureEncoder.Column.category("custom.size", "large"),
                FeatureEncoder.Column.flag("emailValid")));
        Map<String, Object> features = Map.of("custom.size", 250, "emailValid", true, "country", "DE");

        Map<String, Object> readable = ModelFeatures.forModel(features, encoder);

        assertThat(readable).containsOnly(entry("emailValid", true));
        assertThat(encoder.encode(readable)).containsExactly(0, 1);
    }

    @Test
    void shouldLeaveOutAnAttributeWhoseTypeVariesBetweenTrainingExamples() {
        List<Map<String, Object>> examples = List.of(
                Map.of("custom.size", "large", "emailValid", true),
                Map.of("custom.size", 250, "emailValid", false),
                Map.of("emailValid", true));

        List<Map<String, Object>> consistent = ModelFeatures.withConsistentTypes(examples);

        assertThat(consistent).allSatisfy(example -> assertThat(example).doesNotContainKey("custom.size"));
        assertThat(consistent).extracting(example -> example.get("emailValid")).containsExactly(true, false, true);
        assertThat(FeatureEncoder.fit(consistent, 1).featureNames()).containsExactly("emailValid");
    }
}
