package io.leadstream.capture.model;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * The derived, non-personal quality flags of a lead that capture's events carry instead of the contact data
 * ({@link NormalisedContact.Quality}). One computation for a submission as normalised ({@link ContactNormaliser})
 * and for a lead as stored (the survivor of a merge), so the flags of {@code lead.captured}, {@code lead.updated}
 * and {@code lead.merged} always mean the same.
 */
public final class LeadQuality {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private LeadQuality() {
    }

    /** The flags of a lead as stored: its email and phone were normalised (and checked) when they were written. */
    public static NormalisedContact.Quality of(Lead lead) {
        return of(lead.email, parsedE164(lead.phone), lead.company, lead.firstName, lead.lastName,
                LeadFields.address(lead), lead.country);
    }

    /**
     * The flags of normalised contact data.
     *
     * @param email a valid, normalised email, or null
     * @param phone a valid, parsed phone number, or null
     * @param country ISO 3166 alpha-2, or null
     */
    static NormalisedContact.Quality of(String email, PhoneNumber phone, String company, String firstName,
            String lastName, PostalAddress address, String country) {
        return new NormalisedContact.Quality(email != null, email == null ? null : ContactNormaliser.domainKind(email),
                phone != null, phone == null ? null : PHONES.getNumberType(phone).name(), company != null,
                Names.looksReal(firstName, lastName), LeadDetailsNormaliser.addressComplete(address, country),
                PostcodeFormats.matches(country, address == null ? null : address.postalCode()), phoneCountry(phone));
    }

    /**
     * The ISO 3166 alpha-2 region the number belongs to by libphonenumber's metadata ({@code +44 20 …} → GB,
     * {@code +1 416 …} → CA); null without a number, and for numbers of no one country (+800 freephone, +882
     * satellite and other non-geographic codes).
     */
    static String phoneCountry(PhoneNumber phone) {
        if (phone == null) {
            return null;
        }
        String region = PHONES.getRegionCodeForNumber(phone);
        return region != null && region.matches("[A-Z]{2}") && !"ZZ".equals(region) ? region : null;
    }

    /** A stored E.164 number parsed again, or null (none stored, or unreadable). */
    private static PhoneNumber parsedE164(String e164) {
        if (e164 == null || e164.isBlank()) {
            return null;
        }
        try {
            return PHONES.parse(e164, null);
        } catch (NumberParseException e) {
            return null;
        }
    }
}
