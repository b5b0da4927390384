package io.leadstream.capture.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.google.i18n.phonenumbers.NumberParseException;
import com.sanctionco.jmail.EmailValidator;
import com.sanctionco.jmail.JMail;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import io.leadstream.chassis.problem.Problem.FieldError;

/**
 * Normalises what callers send: names trimmed (and title-cased where safe, see {@link Names}), emails
 * trimmed, lower-cased and checked with JMail, phones to E.164 with libphonenumber (using the lead's
 * country, else the configured default region), countries to ISO alpha-2, sources lower-cased; the rest of the
 * lead through {@link LeadDetailsNormaliser}. Rejects what cannot be normalised with a 400 problem naming each field.
 */
@ApplicationScoped
public class ContactNormaliser {

    static final Set<String> FREE_EMAIL_DOMAINS = Set.of("gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk",
            "hotmail.com", "outlook.com", "live.com", "msn.com", "icloud.com", "me.com", "aol.com", "gmx.de", "gmx.net",
            "web.de", "proton.me", "protonmail.com", "yandex.ru", "mail.ru", "qq.com", "163.com", "zoho.com");

    static final Set<String> DISPOSABLE_EMAIL_DOMAINS = loadDomains("/disposable-email-domains.txt");

    private static final EmailValidator EMAILS = JMail.strictValidator().disallowQuotedIdentifiers()
            .disallowObsoleteWhitespace();

    static final String INVALID_PHONE = "is not a valid phone number; write it in international format "
            + "(+44 20 7946 0958) or give the lead's country";

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final Optional<String> defaultRegion;

    public ContactNormaliser(
            @ConfigProperty(name = "leadstream.capture.default-phone-region") Optional<String> defaultRegion) {
        this.defaultRegion = defaultRegion.map(r -> r.trim().toUpperCase(Locale.ROOT)).filter(r -> !r.isEmpty());
    }

    public NormalisedContact normalise(LeadSubmission request) {
        return normalise(request, Map.of(), Map.of());
    }

    /**
     * The whole lead normalised (the rest through {@link LeadDetailsNormaliser}); every offending field in one 400.
     *
     * @param definitions the definitions of the custom qualifiers the request uses
     * @param unchangedCustom on PATCH the lead's stored custom qualifiers (a value left as it was is kept)
     */
    public NormalisedContact normalise(LeadSubmission request, Map<String, QualifierDefinition> definitions,
            Map<String, Object> unchangedCustom) {
        List<FieldError> errors = new ArrayList<>();
        String country = null;
        if (blankToNull(request.country()) != null) {
            country = Countries.toAlpha2(request.country()).orElse(null);
            if (country == null) {
                errors.add(new FieldError("country",
                        "is not a known country: give an ISO 3166-1 code (GB, GBR) or its English name"));
            }
        }
        String email = normaliseEmail(request.email(), "email", errors);
        PhoneNumber number = null;
        String rawPhone = blankToNull(request.phone());
        if (rawPhone != null) {
            number = parsePhone(rawPhone, country).orElse(null);
            if (number == null) {
                errors.add(new FieldError("phone", INVALID_PHONE));
            }
        }
        String phone = number == null ? null : phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        if (blankToNull(request.email()) == null && rawPhone == null) {
            errors.add(new FieldError("email", "give an email or a phone number so the lead can be reached"));
        }
        NormalisedContact.Details details = LeadDetailsNormaliser.normalise(request, definitions, unchangedCustom, errors);
        FieldErrors.throwIfAny(errors);
        String company = blankToNull(request.company());
        String firstName = Names.normalise(request.firstName());
        String lastName = Names.normalise(request.lastName());
        return new NormalisedContact(firstName, lastName, email, phone,
                company == null ? null : company.strip(), country, request.source().strip().toLowerCase(Locale.ROOT),
                details, LeadQuality.of(email, number, company, firstName, lastName, details.address(), country));
    }

    /** The region a national phone number is read in when the lead names no country (unset: only +numbers). */
    public Optional<String> defaultRegion() {
        return defaultRegion;
    }

    /**
     * The contact address a consent is for, normalised like the lead's own contact data: an email address
     * for the email channel, else a phone number in E.164 (a national number in the lead's country). Null
     * when blank; null plus an error on {@code field} when it cannot be normalised.
     */
    public String normaliseAddress(ConsentChannel channel, String raw, String leadCountry, String field,
            List<FieldError> errors) {
        if (blankToNull(raw) == null) {
            return null;
        }
        if (channel.addressIsEmail()) {
            return normaliseEmail(raw, field, errors);
        }
        Optional<PhoneNumber> parsed = parsePhone(raw, leadCountry);
        if (parsed.isEmpty()) {
            errors.add(new FieldError(field, INVALID_PHONE));
            return null;
        }
        return phones.format(parsed.get(), PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    private Optional<PhoneNumber> parsePhone(String raw, String country) {
        String region = country != null ? country : defaultRegion.orElse(null);
        try {
            PhoneNumber number = phones.parse(raw, raw.strip().startsWith("+") ? null : region);
            return phones.isValidNumber(number) ? Optional.of(number) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Trimmed and lower-cased, then checked by JMail's strict validator (RFC 5322 without the oddities). */
    static String normaliseEmail(String raw, String field, List<FieldError> errors) {
        String email = blankToNull(raw);
        if (email == null) {
            return null;
        }
        email = email.strip().toLowerCase(Locale.ROOT);
        if (!EMAILS.isValid(email)) {
            errors.add(new FieldError(field, "is not a valid email address"));
            return null;
        }
        return email;
    }

    /** FREE (webmail), DISPOSABLE (throw-away mailbox) or CORPORATE. */
    static String domainKind(String email) {
        String domain = email.substring(email.lastIndexOf('@') + 1);
        if (matchesDomain(domain, DISPOSABLE_EMAIL_DOMAINS)) {
            return "DISPOSABLE";
        }
        return FREE_EMAIL_DOMAINS.contains(domain) ? "FREE" : "CORPORATE";
    }

    private static boolean matchesDomain(String domain, Set<String> domains) {
        for (String d = domain; d.contains("."); d = d.substring(d.indexOf('.') + 1)) {
            if (domains.contains(d)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> loadDomains(String resource) {
        try (InputStream in = ContactNormaliser.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).map(l -> l.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
