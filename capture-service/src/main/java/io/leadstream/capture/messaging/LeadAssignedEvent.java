package io.leadstream.capture.messaging;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What capture reads from distribution-service's {@code leadstream.lead.assigned.v1} (schema:
 * distribution-service/src/main/resources/events/lead.assigned.v1.json): only who owns the lead since when.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeadAssignedEvent(UUID leadId, String repId, Instant assignedAt) {
}
