package io.leadstream.insights.facts;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * insights' reading of nurture's {@code leadstream.lead.stage-changed.v1}: the lead moved from {@code from} (null when
 * it entered the pipeline) to {@code to} at {@code changedAt}. Checked in EventContractsTest.
 */
@EventType("lead.stage-changed")
public record LeadStageChangedEvent(UUID leadId, String from, String to, Instant changedAt) {
}
