package io.leadstream.nurture.stages;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * nurture's own reading of distribution's {@code leadstream.lead.shared.v1}: the lead was offered to a partner
 * company, and no rep of ours works it from {@code sharedAt} (tolerant: the partner, the fields it sees and the
 * deadline are ignored, as are unknown fields). Checked against distribution's JSON Schema in EventContractsTest.
 */
@EventType("lead.shared")
public record LeadSharedEvent(UUID leadId, Instant sharedAt) {
}
