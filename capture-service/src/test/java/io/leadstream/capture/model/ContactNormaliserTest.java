package io.leadstream.capture.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;

class ContactNormaliserTest {

    private final ContactNormaliser normaliser = new ContactNormaliser(Optional.empty());

    private static LeadSubmission request(String email, String phone, String country) {
        return Requests.lead("firstName", "  Ada ", "lastName", " Lovelace", "email", email, "phone", phone,
                "company", " Analytical Engines Ltd ", "country", country, "source", "Web");
    }

    @Test
    void shouldTrimAndLowerCaseTheEmail() {
        NormalisedContact contact = normaliser.normalise(request("  Ada.Lovelace@Example.COM ", null, null));
        assertThat(contact.email()).isEqualTo("ada.lovelace@example.com");
        assertThat(contact.quality().emailValid()).isTrue();
        assertThat(contact.quality().emailDomainKind()).isEqualTo("CORPORATE");
    }

    @Test
    void shouldTellFreeMailDomainsApart() {
        assertThat(normaliser.normalise(request("ada@gmail.com", null, null)).quality().emailDomainKind()).isEqualTo("FREE");
    }

    @Test
    void shouldTellDisposableMailboxesIncludingTheirSubdomains() {
        assertThat(normaliser.normalise(request("x@mailinator.com", null, null)).quality().emailDomainKind())
                .isEqualTo("DISPOSABLE");
        assertThat(normaliser.normalise(request("x@eu.yopmail.com", null, null)).quality().emailDomainKind())
                .isEqualTo("DISPOSABLE");
        assertThat(ContactNormaliser.DISPOSABLE_EMAIL_DOMAINS).contains("guerrillamail.com");
    }

    @ParameterizedTest
    @ValueSource(strings = { "ada@localhost", "ada@[192.168.0.1]", "ada..l@example.com",
            "ada@example.", ".ada@example.com", "ada@exa_mple.com" })
    void shouldRejectAddressesJMailsStrictValidatorRefuses(String email) {
        assertThatThrownBy(() -> normaliser.normalise(request(email, null, null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors())
                        .extracting(f -> f.field()).containsExactly("email"));
    }

    @Test
    void shouldTitleCaseNamesWrittenInOneCaseAndFlagPlaceholders() {
        NormalisedContact shouting = normaliser.normalise(
                Requests.lead("firstName", "ADA", "lastName", "LOVELACE", "email", "a@b.io", "country", "United Kingdom",
                        "source", "web"));
        assertThat(shouting.firstName()).isEqualTo("Ada");
        assertThat(shouting.lastName()).isEqualTo("Lovelace");
        assertThat(shouting.country()).isEqualTo("GB");
        assertThat(shouting.quality().nameLooksReal()).isTrue();
        NormalisedContact placeholder = normaliser.normalise(
                Requests.lead("firstName", "test", "lastName", "test", "email", "a@b.io", "source", "web"));
        assertThat(placeholder.quality().nameLooksReal()).isFalse();
    }

    @Test
    void shouldWriteInternationalPhonesAsE164() {
        NormalisedContact contact = normaliser.normalise(request(null, "+44 20 7946 0958", null));
        assertThat(contact.phone()).isEqualTo("+442079460958");
        assertThat(contact.quality().phoneValid()).isTrue();
        assertThat(contact.quality().phoneType()).isEqualTo("FIXED_LINE");
    }

    @Test
    void shouldUseTheLeadsCountryForNationalPhones() {
        NormalisedContact contact = normaliser.normalise(request(null, "030 901820", "de"));
        assertThat(contact.phone()).isEqualTo("+4930901820");
        assertThat(contact.country()).isEqualTo("DE");
    }

    @Test
    void shouldUseTheConfiguredDefaultRegionWhenNoCountryIsGiven() {
        ContactNormaliser british = new ContactNormaliser(Optional.of("gb"));
        assertThat(british.normalise(request(null, "020 7946 0958", null)).phone()).isEqualTo("+442079460958");
    }

    @Test
    void shouldTrimNamesAndLowerCaseTheSource() {
        NormalisedContact contact = normaliser.normalise(request("a@b.io", null, null));
        assertThat(contact.firstName()).isEqualTo("Ada");
        assertThat(contact.lastName()).isEqualTo("Lovelace");
        assertThat(contact.company()).isEqualTo("Analytical Engines Ltd");
        assertThat(contact.source()).isEqualTo("web");
    }

    @Test
    void shouldRejectANationalPhoneWithoutCountryNamingTheField() {
        assertThatThrownBy(() -> normaliser.normalise(request(null, "020 7946 0958", null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly("phone");
                });
    }

    @Test
    void shouldRejectMalformedEmailsAndUnknownCountries() {
        assertThatThrownBy(() -> normaliser.normalise(request("ada@@example", null, "XX")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors())
                        .extracting(f -> f.field()).containsExactlyInAnyOrder("email", "country"));
    }

    @Test
    void shouldRequireAWayToReachTheLead() {
        assertThatThrownBy(() -> normaliser.normalise(request(" ", null, null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors())
                        .extracting(f -> f.field()).containsExactly("email"));
    }

    @Test
    void shouldNormaliseAConsentAddressForItsChannel() {
        List<FieldError> errors = new ArrayList<>();
        assertThat(normaliser.normaliseAddress(ConsentChannel.EMAIL, " Ada@Example.COM ", null, "proof.address", errors))
                .isEqualTo("ada@example.com");
        assertThat(normaliser.normaliseAddress(ConsentChannel.SMS, "030 901820", "DE", "proof.address", errors))
                .isEqualTo("+4930901820");
        assertThat(normaliser.normaliseAddress(ConsentChannel.PHONE, "  ", "DE", "proof.address", errors)).isNull();
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldNameTheFieldOfAConsentAddressThatDoesNotFitItsChannel() {
        List<FieldError> errors = new ArrayList<>();
        assertThat(normaliser.normaliseAddress(ConsentChannel.WHATSAPP, "ada@example.com", "GB", "proof.address", errors))
                .isNull();
        assertThat(normaliser.normaliseAddress(ConsentChannel.EMAIL, "+44 20 7946 0958", "GB", "proof.address", errors))
                .isNull();
        assertThat(errors).extracting(FieldError::field).containsExactly("proof.address", "proof.address");
    }
}
