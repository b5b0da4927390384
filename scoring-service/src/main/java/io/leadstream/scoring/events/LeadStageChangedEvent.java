package io.leadstream.scoring.events;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * scoring's reading of nurture's {@code leadstream.lead.stage-changed.v1}: stage progress counts as engagement;
 * CUSTOMER (won) and UNQUALIFIED (lost) are the outcomes the predictive model learns from.
 */
@EventType("lead.stage-changed")
public record LeadStageChangedEvent(UUID leadId, String from, String to, String owner, Instant changedAt) {
}
