package io.leadstream.capture.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** customQualifiers in events: the typed values travel, free text (STRING) never does. */
class LeadAttributesTest {

    private static QualifierDefinition definition(String key, QualifierType type, String... options) {
        return new QualifierDefinition(key, type, key, List.of(options), Instant.parse("2026-11-22T10:00:00Z"), "admin");
    }

    private static final Map<String, QualifierDefinition> DEFINITIONS = Map.of(
            "employees", definition("employees", QualifierType.NUMBER),
            "budgetApproved", definition("budgetApproved", QualifierType.BOOLEAN),
            "decisionBy", definition("decisionBy", QualifierType.DATE),
            "budget", definition("budget", QualifierType.ENUM, "Approved", "Pending"),
            "referralNote", definition("referralNote", QualifierType.STRING));

    @Test
    void shouldCarryNumbersBooleansDatesAndEnumsButNeverStrings() {
        Map<String, Object> carried = LeadAttributes.customQualifiers(Map.of("employees", 250, "budgetApproved", true,
                "decisionBy", "2027-03-31", "budget", "Approved", "referralNote", "Ada's sister, call her at home"),
                DEFINITIONS);

        assertThat(carried).containsOnlyKeys("employees", "budgetApproved", "decisionBy", "budget");
        assertThat((BigDecimal) carried.get("employees")).isEqualByComparingTo("250");
        assertThat(carried).containsEntry("budgetApproved", true).containsEntry("decisionBy", "2027-03-31")
                .containsEntry("budget", "Approved");
        assertThat(carried.keySet()).containsExactly("budget", "budgetApproved", "decisionBy", "employees");
    }

    @Test
    void shouldLeaveOutValuesThatDoNotFitTheirKeysCurrentDefinitionOrHaveNone() {
        // each key was redefined after the value was stored (STRING before): the old free text must not travel
        Map<String, Object> carried = LeadAttributes.customQualifiers(Map.of("employees", "about 250, ask Ada",
                "budgetApproved", "yes said Ada", "decisionBy", "when Ada is back", "budget", "Ada's own money",
                "undefinedNow", 7), DEFINITIONS);

        assertThat(carried).isEmpty();
    }

    @Test
    void shouldCarryAnEnumValueAsItsOptionIsWrittenNow() {
        assertThat(LeadAttributes.customQualifiers(Map.of("budget", "approved"), DEFINITIONS))
                .containsEntry("budget", "Approved");
    }

    @Test
    void shouldCarryAnEmptyObjectWithoutCustomQualifiers() {
        assertThat(LeadAttributes.customQualifiers(Map.of(), DEFINITIONS)).isEmpty();
        assertThat(LeadAttributes.customQualifiers(null, DEFINITIONS)).isEmpty();
    }

    @Test
    void shouldDescribeALeadWithItsQualityAndNoPersonalData() {
        ContactNormaliser normaliser = new ContactNormaliser(Optional.empty());
        NormalisedContact contact = normaliser.normalise(Requests.lead("firstName", "Ada", "lastName", "Lovelace",
                "email", "ada@engines.example", "phone", "+44 20 7946 0958", "company", "Engines", "country", "DE",
                "source", "web", "address", Map.of("street", "Secret Street 1", "city", "Berlin", "postalCode", "10115"),
                "notes", "private"));
        Lead lead = new Lead();
        LeadFields.write(lead, contact);
        lead.customQualifiers = Map.of("employees", 250, "referralNote", "Ada's sister");

        LeadAttributes attributes = LeadAttributes.of(lead, contact.quality(), DEFINITIONS);

        assertThat(attributes.country()).isEqualTo("DE");
        assertThat(attributes.company()).isEqualTo("Engines");
        assertThat(attributes.customQualifiers()).containsOnlyKeys("employees");
        assertThat(attributes.quality().postcodeValid()).isTrue();
        assertThat(attributes.quality().phoneCountry()).isEqualTo("GB");
        assertThat(Requests.MAPPER.valueToTree(attributes).toString()).doesNotContain("Ada").doesNotContain("Lovelace")
                .doesNotContain("engines.example").doesNotContain("7946").doesNotContain("10115")
                .doesNotContain("Secret").doesNotContain("Berlin").doesNotContain("private");
    }
}
