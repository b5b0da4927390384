package io.leadstream.nurture.messaging;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.nurture.Stage;

/** {@code leadstream.lead.stage-changed.v1} (schema: {@code events/lead.stage-changed.v1.json}). No personal data. */
public record LeadStageChanged(UUID leadId, Stage from, Stage to, String owner, String reason, Instant changedAt) {
}
