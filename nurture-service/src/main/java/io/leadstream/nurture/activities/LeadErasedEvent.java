package io.leadstream.nurture.activities;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/** nurture's reading of capture's {@code leadstream.lead.erased.v1}: the lead's personal data is gone. */
@EventType("lead.erased")
public record LeadErasedEvent(UUID leadId, Instant erasedAt) {

    /** The same erasure, on {@code lead} (the survivor of a merge it arrived after). */
    public LeadErasedEvent on(UUID lead) {
        return new LeadErasedEvent(lead, erasedAt);
    }
}
