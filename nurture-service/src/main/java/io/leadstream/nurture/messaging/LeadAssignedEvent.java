package io.leadstream.nurture.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * nurture's own reading of distribution's {@code leadstream.lead.assigned.v1} (tolerant: unknown fields are
 * ignored). Checked against distribution's JSON Schema in LeadAssignedContractTest.
 */
public record LeadAssignedEvent(UUID leadId, String repId, Instant assignedAt) {
}
