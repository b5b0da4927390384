package io.leadstream.scoring.engine;

import java.util.ArrayList;
import java.util.List;

import io.leadstream.scoring.engine.LeadAttributes.Quality;
import io.leadstream.scoring.engine.Reason.Part;
import io.leadstream.scoring.engine.RuleSet.DataQualityRules;

/**
 * Data quality: does the name look real, is the email well-formed and what kind of domain is it, is the phone valid
 * and from the lead's country and a mobile, is the address complete and its postcode valid for the country, are the
 * company and country known. Checks whose flag capture did not send add nothing.
 */
final class DataQualityPart {

    private DataQualityPart() {
    }

    static List<Reason> reasons(DataQualityRules rules, LeadAttributes lead) {
        Quality q = lead.quality();
        List<Reason> reasons = new ArrayList<>();
        if (Boolean.TRUE.equals(q.nameLooksReal())) {
            add(reasons, "NAME_LOOKS_REAL", rules.nameLooksReal(), "the name looks real");
        } else if (Boolean.FALSE.equals(q.nameLooksReal())) {
            add(reasons, "NAME_LOOKS_MADE_UP", rules.nameLooksMadeUp(), "the name looks made up (a placeholder or key-mashing)");
        }
        if (q.emailValid()) {
            add(reasons, "EMAIL_VALID", rules.emailValid(), "a well-formed email address");
            switch (q.emailDomainKind() == null ? "" : q.emailDomainKind()) {
                case "CORPORATE" -> add(reasons, "EMAIL_CORPORATE", rules.emailCorporate(), "corporate email domain");
                case "FREE" -> add(reasons, "EMAIL_FREE", rules.emailFree(), "free email provider");
                case "DISPOSABLE" -> add(reasons, "EMAIL_DISPOSABLE", rules.emailDisposable(), "disposable email domain");
                default -> {
                }
            }
        }
        if (q.phoneValid()) {
            String where = q.phoneCountry() != null ? " for " + q.phoneCountry() : "";
            if (q.phoneCountry() != null && lead.country() != null && !q.phoneCountry().equals(lead.country())) {
                add(reasons, "PHONE_OTHER_COUNTRY", rules.phoneFromOtherCountry(), "phone number invalid for "
                        + lead.country() + " (it is a " + q.phoneCountry() + " number)");
            } else {
                add(reasons, "PHONE_VALID", rules.phoneValid(), "a valid phone number" + where);
            }
            if ("MOBILE".equals(q.phoneType()) || "FIXED_LINE_OR_MOBILE".equals(q.phoneType())) {
                add(reasons, "PHONE_MOBILE", rules.phoneMobile(), "a mobile number (reachable by WhatsApp and SMS)");
            }
        }
        if (Boolean.TRUE.equals(q.addressComplete())) {
            add(reasons, "ADDRESS_COMPLETE", rules.addressComplete(), "a complete postal address");
        }
        String country = lead.country() == null ? "its country" : lead.country();
        if (Boolean.TRUE.equals(q.postcodeValid())) {
            add(reasons, "POSTCODE_VALID", rules.postcodeValid(), "postcode valid for " + country);
        } else if (Boolean.FALSE.equals(q.postcodeValid())) {
            add(reasons, "POSTCODE_INVALID", rules.postcodeInvalid(), "postcode invalid for " + country);
        }
        if (q.hasCompany()) {
            add(reasons, "COMPANY_KNOWN", rules.companyKnown(), "the company is known");
        }
        if (lead.country() != null) {
            add(reasons, "COUNTRY_KNOWN", rules.countryKnown(), "the country is known");
        }
        return reasons;
    }

    /** A check worth 0 points under the current rules contributes nothing and is left out of the reasons. */
    private static void add(List<Reason> reasons, String code, int points, String detail) {
        if (points != 0) {
            reasons.add(new Reason(code, Part.DATA_QUALITY, points, detail));
        }
    }
}
