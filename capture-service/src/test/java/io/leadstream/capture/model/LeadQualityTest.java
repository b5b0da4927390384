package io.leadstream.capture.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** The quality flags events carry: postcodeValid and phoneCountry beside the older ones, for submissions and leads. */
class LeadQualityTest {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final ContactNormaliser normaliser = new ContactNormaliser(Optional.empty());

    @ParameterizedTest
    @ValueSource(strings = { "GB", "DE", "US", "CA", "FR", "JP", "AU" })
    void shouldNameTheRegionOfTheNumberEvenWhereRegionsShareACountryCode(String region) {
        PhoneNumber example = PHONES.getExampleNumber(region);
        assertThat(LeadQuality.phoneCountry(example)).isEqualTo(region);
    }

    @Test
    void shouldNameNoRegionForNonGeographicNumbersOrNoNumber() {
        assertThat(LeadQuality.phoneCountry(PHONES.getExampleNumberForNonGeoEntity(800))).isNull();
        assertThat(LeadQuality.phoneCountry(null)).isNull();
    }

    @Test
    void shouldFlagAValidGermanPostcodeAndAUkPhoneOfALeadInGermany() {
        NormalisedContact contact = normaliser.normalise(Requests.lead("firstName", "Ada", "lastName", "Lovelace",
                "phone", "+44 20 7946 0958", "country", "DE", "source", "web",
                "address", Map.of("street", "Invalidenstraße 1", "city", "Berlin", "postalCode", "10115")));

        assertThat(contact.quality().postcodeValid()).isTrue();
        assertThat(contact.quality().phoneCountry()).isEqualTo("GB");
        assertThat(contact.quality().addressComplete()).isTrue();
    }

    @Test
    void shouldFlagAnInvalidPostcodeAndTakeANationalNumberInTheLeadsCountry() {
        String national = PHONES.format(PHONES.getExampleNumber("DE"), PhoneNumberFormat.NATIONAL);
        NormalisedContact contact = normaliser.normalise(Requests.lead("firstName", "Ada", "lastName", "Lovelace",
                "phone", national, "country", "DE", "source", "web", "address", Map.of("postalCode", "1011")));

        assertThat(contact.quality().postcodeValid()).isFalse();
        assertThat(contact.quality().phoneCountry()).isEqualTo("DE");
        assertThat(contact.quality().addressComplete()).isFalse();
    }

    @Test
    void shouldLeavePostcodeValidAndPhoneCountryNullWithoutAPostcodeOrAPhone() {
        NormalisedContact contact = normaliser.normalise(Requests.lead("firstName", "Ada", "lastName", "Lovelace",
                "email", "ada@example.com", "country", "DE", "source", "web"));

        assertThat(contact.quality().postcodeValid()).isNull();
        assertThat(contact.quality().phoneCountry()).isNull();
        assertThat(contact.quality().phoneValid()).isFalse();
    }

    @Test
    void shouldGiveAStoredLeadTheFlagsItsSubmissionGot() {
        NormalisedContact contact = normaliser.normalise(Requests.lead("firstName", "Ada", "lastName", "Lovelace",
                "email", "ada@gmail.com", "phone", PHONES.format(PHONES.getExampleNumber("CA"), PhoneNumberFormat.E164),
                "company", "Engines", "country", "CA", "source", "web",
                "address", Map.of("street", "1 Main St", "city", "Ottawa", "postalCode", "k1a 0b1")));
        Lead lead = new Lead();
        LeadFields.write(lead, contact);

        assertThat(LeadQuality.of(lead)).isEqualTo(contact.quality());
        assertThat(LeadQuality.of(lead).phoneCountry()).isEqualTo("CA");
        assertThat(LeadQuality.of(lead).postcodeValid()).isTrue();
        assertThat(LeadQuality.of(lead).emailDomainKind()).isEqualTo("FREE");
    }
}
