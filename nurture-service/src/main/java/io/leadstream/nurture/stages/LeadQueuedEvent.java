package io.leadstream.nurture.stages;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * nurture's own reading of distribution's {@code leadstream.lead.queued.v1}: the lead waits in a pull queue (not in
 * the pipeline yet; only its timeline learns of it). Tolerant: the rule and unknown fields are ignored. Checked
 * against distribution's JSON Schema in EventContractsTest.
 */
@EventType("lead.queued")
public record LeadQueuedEvent(UUID leadId, String queue, String reason, Integer score, String grade,
        Instant queuedAt) {
}
