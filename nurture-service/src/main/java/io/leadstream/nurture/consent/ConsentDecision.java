package io.leadstream.nurture.consent;

import java.util.List;

/**
 * Whether a lead may be sent a message for a purpose on a channel, from its consent entries there (a pure function):
 * a withdrawal for the purpose {@value #ALL} is do-not-contact on that channel and refuses every purpose; otherwise the
 * purpose's own entry decides; without one, a grant for {@value #ALL} counts; without any, consent was never given.
 */
public enum ConsentDecision {
    GRANTED, NEVER_GIVEN, WITHDRAWN, DO_NOT_CONTACT;

    /** The purpose whose withdrawal is do-not-contact on a channel, and whose grant covers every purpose. */
    public static final String ALL = "all";

    public boolean allows() {
        return this == GRANTED;
    }

    public static ConsentDecision of(List<ConsentState> entries, String purpose) {
        ConsentState all = null;
        ConsentState own = null;
        for (ConsentState e : entries) {
            if (ALL.equals(e.purpose)) {
                all = e;
            } else if (e.purpose.equals(purpose)) {
                own = e;
            }
        }
        if (all != null && "WITHDRAWN".equals(all.status)) {
            return DO_NOT_CONTACT;
        }
        if (own != null) {
            return "GRANTED".equals(own.status) ? GRANTED : WITHDRAWN;
        }
        return all != null && "GRANTED".equals(all.status) ? GRANTED : NEVER_GIVEN;
    }
}
