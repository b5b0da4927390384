package io.leadstream.nurture.stages;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * nurture's own reading of distribution's {@code leadstream.lead.recalled.v1}: a share with a partner ended
 * ({@code reason} DECLINED, DEADLINE, REASSIGNED or MERGED); where the lead goes next is its own event. Only the
 * timeline learns of it. Checked against distribution's JSON Schema in EventContractsTest.
 */
@EventType("lead.recalled")
public record LeadRecalledEvent(UUID leadId, String partnerId, String reason, Instant recalledAt) {
}
