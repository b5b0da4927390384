package io.leadstream.capture.dedup;

import java.util.List;

/**
 * Why two leads look like the same person: the same normalised email, the same E.164 phone, or both (exact); or a
 * similar name at the same company (fuzzy: only ever a suspicion, never merged automatically).
 */
public enum MatchedOn {
    EMAIL, PHONE, EMAIL_AND_PHONE, NAME_AND_COMPANY;

    /** The exact match between two contacts, or null when they share neither email nor phone. */
    public static MatchedOn of(String email, String phone, String otherEmail, String otherPhone) {
        boolean byEmail = email != null && email.equals(otherEmail);
        boolean byPhone = phone != null && phone.equals(otherPhone);
        return byEmail && byPhone ? EMAIL_AND_PHONE : byEmail ? EMAIL : byPhone ? PHONE : null;
    }

    /** As a list of single reasons: EMAIL_AND_PHONE is [EMAIL, PHONE]. */
    public List<MatchedOn> reasons() {
        return this == EMAIL_AND_PHONE ? List.of(EMAIL, PHONE) : List.of(this);
    }
}
