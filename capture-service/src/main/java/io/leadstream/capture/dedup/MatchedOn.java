package io.leadstream.capture.dedup;

import java.util.ArrayList;
import java.util.List;

/** Why two leads look like the same person: the same normalised email, the same E.164 phone, or both. */
public enum MatchedOn {
    EMAIL, PHONE, EMAIL_AND_PHONE;

    /** The match between two contacts, or null when they share neither email nor phone. */
    public static MatchedOn of(String email, String phone, String otherEmail, String otherPhone) {
        boolean byEmail = email != null && email.equals(otherEmail);
        boolean byPhone = phone != null && phone.equals(otherPhone);
        return byEmail && byPhone ? EMAIL_AND_PHONE : byEmail ? EMAIL : byPhone ? PHONE : null;
    }

    /** As a list of single reasons: EMAIL_AND_PHONE is [EMAIL, PHONE]. */
    public List<MatchedOn> reasons() {
        List<MatchedOn> reasons = new ArrayList<>();
        if (this != PHONE) {
            reasons.add(EMAIL);
        }
        if (this != EMAIL) {
            reasons.add(PHONE);
        }
        return reasons;
    }
}
