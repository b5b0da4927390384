package io.leadstream.nurture.stages;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * nurture's own reading of distribution's {@code leadstream.lead.shared.v1}: the lead was offered to a partner
 * company, and no rep of ours works it from {@code sharedAt} (tolerant: the fields it sees, the deadline and
 * unknown fields are ignored; the partner is kept for the timeline). Checked against distribution's JSON Schema in EventContractsTest.
 */
@EventType("lead.shared")
public record LeadSharedEvent(UUID leadId, String partnerId, Instant sharedAt) {
}
