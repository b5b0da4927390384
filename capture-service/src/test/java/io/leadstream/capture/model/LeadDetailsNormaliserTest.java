package io.leadstream.capture.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;

/** The lead beyond name and contact: normalisation and the JSON path of every offending field. */
class LeadDetailsNormaliserTest {

    private final ContactNormaliser normaliser = new ContactNormaliser(Optional.empty());

    private static final Map<String, QualifierDefinition> DEFINITIONS = Map.of(
            "note", definition("note", QualifierType.STRING),
            "employees", definition("employees", QualifierType.NUMBER),
            "budgetApproved", definition("budgetApproved", QualifierType.BOOLEAN),
            "decisionBy", definition("decisionBy", QualifierType.DATE),
            "size", new QualifierDefinition("size", QualifierType.ENUM, "Size", List.of("Small", "Large"),
                    Instant.EPOCH, "admin"));

    private static QualifierDefinition definition(String key, QualifierType type) {
        return new QualifierDefinition(key, type, key, List.of(), Instant.EPOCH, "admin");
    }

    /** Ada with an email, a source and the given extra fields (JSON names and values). */
    private static LeadSubmission ada(Object... more) {
        List<Object> fields = new ArrayList<>(List.of("firstName", "Ada", "lastName", "Lovelace", "email",
                "ada@example.com", "source", "web"));
        fields.addAll(Arrays.asList(more));
        return Requests.lead(fields.toArray());
    }

    private NormalisedContact normalise(LeadSubmission request) {
        return normaliser.normalise(request, DEFINITIONS, Map.of());
    }

    private List<String> offending(LeadSubmission request) {
        try {
            normalise(request);
        } catch (ProblemException e) {
            return e.problem().errors().stream().map(FieldError::field).toList();
        }
        throw new AssertionError("expected a 400");
    }

    @Test
    void shouldNormaliseBasicInfoAndFlagACompleteAddress() {
        NormalisedContact lead = normalise(ada("jobTitle", "  CTO ", "language", " EN ", "timeZone", "europe/london",
                "country", "GB", "address", Map.of("street", " 12 St James's Square ", "city", "London",
                        "postalCode", "SW1Y 4LB", "region", "  ")));
        assertThat(lead.details().jobTitle()).isEqualTo("CTO");
        assertThat(lead.details().language()).isEqualTo("en");
        assertThat(lead.details().timeZone()).isEqualTo("Europe/London");
        assertThat(lead.details().address().street()).isEqualTo("12 St James's Square");
        assertThat(lead.details().address().region()).isNull();
        assertThat(lead.quality().addressComplete()).isTrue();
    }

    @Test
    void shouldNotCallAnAddressCompleteWithoutCountryOrPostalCode() {
        Map<String, Object> address = Map.of("street", "12 St James's Square", "city", "London", "postalCode", "SW1Y 4LB");
        assertThat(normalise(ada("address", address)).quality().addressComplete()).isFalse();
        assertThat(normalise(ada("country", "GB", "address", Map.of("street", "1 Road", "city", "London")))
                .quality().addressComplete()).isFalse();
        assertThat(normalise(ada()).quality().addressComplete()).isFalse();
        assertThat(normalise(ada("address", Map.of("street", " ", "city", ""))).details().address()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "english", "e", "xx", "en-GB", "12" })
    void shouldRejectLanguagesThatAreNotIso639Part1(String language) {
        assertThat(offending(ada("language", language))).containsExactly("language");
    }

    @ParameterizedTest
    @ValueSource(strings = { "Europe/Atlantis", "+01:00", "UTC+1", "GMT+2", "CET-ish" })
    void shouldRejectTimeZonesThatAreNotIanaIds(String zone) {
        assertThat(offending(ada("timeZone", zone))).containsExactly("timeZone");
    }

    @Test
    void shouldLowerCaseProductsSegmentAndTagsWithoutRepeats() {
        NormalisedContact lead = normalise(ada("qualifiers", Map.of(
                "products", List.of(" Solar  Panels ", "solar panels", "Heat-Pumps"),
                "segment", " SMB ", "tags", List.of("Fair", "FAIR", "vip"))));
        assertThat(lead.details().products()).containsExactly("solar panels", "heat-pumps");
        assertThat(lead.details().segment()).isEqualTo("smb");
        assertThat(lead.details().tags()).containsExactly("fair", "vip");
    }

    @Test
    void shouldNameBlankOrOverlongListElementsByIndex() {
        assertThat(offending(ada("qualifiers", Map.of("products", List.of("solar", " "),
                "tags", List.of("x".repeat(51)))))).containsExactlyInAnyOrder("qualifiers.products[1]", "qualifiers.tags[0]");
    }

    @Test
    void shouldUpperCaseTheCurrencyAndRejectUnknownOnes() {
        NormalisedContact lead = normalise(ada("qualifiers", Map.of("dealSize", Map.of("amount", 25000, "currency", "eur"))));
        assertThat(lead.details().dealSize().currency()).isEqualTo("EUR");
        assertThat(lead.details().dealSize().amount()).isEqualByComparingTo("25000");
        assertThat(offending(ada("qualifiers", Map.of("dealSize", Map.of("amount", 1, "currency", "EURO")))))
                .containsExactly("qualifiers.dealSize.currency");
        assertThat(offending(ada("qualifiers", Map.of("dealSize", Map.of("amount", 1, "currency", "XYZ")))))
                .containsExactly("qualifiers.dealSize.currency");
    }

    @Test
    void shouldTypeCustomQualifiersByTheirDefinitions() {
        NormalisedContact lead = normalise(ada("qualifiers", Map.of("custom", Map.of("note", " call after 5 ",
                "employees", 250.50, "budgetApproved", true, "decisionBy", "2027-03-01", "size", "large"))));
        assertThat(lead.details().custom()).containsEntry("note", "call after 5")
                .containsEntry("employees", new BigDecimal("250.5")).containsEntry("budgetApproved", true)
                .containsEntry("decisionBy", "2027-03-01").containsEntry("size", "Large");
    }

    @Test
    void shouldNameEachCustomQualifierThatIsUndefinedOrOfTheWrongType() {
        assertThat(offending(ada("qualifiers", Map.of("custom", Map.of("note", 5, "employees", "250",
                "budgetApproved", "yes", "decisionBy", "1 March", "size", "Medium", "colour", "red")))))
                .containsExactlyInAnyOrder("qualifiers.custom.note", "qualifiers.custom.employees",
                        "qualifiers.custom.budgetApproved", "qualifiers.custom.decisionBy", "qualifiers.custom.size",
                        "qualifiers.custom.colour");
    }

    @Test
    void shouldKeepAStoredCustomValueThatAPatchLeftAsItWas() {
        LeadSubmission request = ada("qualifiers", Map.of("custom", Map.of("employees", "many", "size", "Large")));
        NormalisedContact lead = normaliser.normalise(request, DEFINITIONS, Map.of("employees", "many"));
        assertThat(lead.details().custom()).containsEntry("employees", "many").containsEntry("size", "Large");
        assertThatThrownBy(() -> normaliser.normalise(request, DEFINITIONS, Map.of("employees", "few")))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void shouldNormaliseSocialNetworksAndNameBadOnes() {
        NormalisedContact lead = normalise(ada("additionalInfo", Map.of("socialAccounts",
                Map.of("LinkedIn", " https://www.linkedin.com/in/ada ", "github", "ada"))));
        assertThat(lead.details().socialAccounts()).containsEntry("linkedin", "https://www.linkedin.com/in/ada")
                .containsEntry("github", "ada");
        assertThat(offending(ada("additionalInfo", Map.of("socialAccounts", Map.of("my network!", "ada", "x", " ")))))
                .containsExactlyInAnyOrder("additionalInfo.socialAccounts.my network!", "additionalInfo.socialAccounts.x");
    }

    @ParameterizedTest
    @ValueSource(strings = { "www.example.com", "ftp://example.com/x", "javascript:alert(1)", "https://", "not a url" })
    void shouldAcceptOnlyAbsoluteHttpReferrers(String referrer) {
        assertThat(offending(ada("referrer", referrer))).containsExactly("referrer");
    }

    @Test
    void shouldKeepSourceDetailsTrimmed() {
        NormalisedContact lead = normalise(ada("campaign", " spring-sale ", "referrer", "https://example.com/pricing?x=1",
                "utm", Map.of("source", " newsletter ", "medium", "email", "term", " "), "notes", "  call me  "));
        assertThat(lead.details().campaign()).isEqualTo("spring-sale");
        assertThat(lead.details().referrer()).isEqualTo("https://example.com/pricing?x=1");
        assertThat(LeadDetailsNormaliser.utmMap(lead.details().utm()))
                .containsExactly(Map.entry("source", "newsletter"), Map.entry("medium", "email"));
        assertThat(lead.details().notes()).isEqualTo("call me");
        assertThat(lead.source()).isEqualTo("web");
    }

    @Test
    void shouldCollectContactAndDetailErrorsInOneAnswer() {
        LeadSubmission request = Requests.lead("firstName", "Ada", "lastName", "L", "phone", "12", "source", "web",
                "language", "xx");
        assertThatThrownBy(() -> normalise(request)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().errors()).extracting(FieldError::field).containsExactlyInAnyOrder("phone", "language"));
    }
}
