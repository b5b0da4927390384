package io.leadstream.nurture.consent;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * nurture's own reading of capture's {@code leadstream.consent.changed.v1}: a grant or withdrawal for a purpose on a
 * channel ({@code email}, {@code whatsapp}, {@code sms}, {@code phone}), and when capture recorded it (tolerant:
 * unknown fields are ignored). Checked against capture's JSON Schema in ConsentEventContractsTest.
 */
@EventType("consent.changed")
public record ConsentChangedEvent(UUID leadId, String purpose, String channel, String status, String method,
        Instant recordedAt) {

    /** The same change, on {@code lead} (the survivor of a merge it arrived after). */
    public ConsentChangedEvent on(UUID lead) {
        return new ConsentChangedEvent(lead, purpose, channel, status, method, recordedAt);
    }
}
