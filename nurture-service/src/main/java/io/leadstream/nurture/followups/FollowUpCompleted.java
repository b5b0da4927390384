package io.leadstream.nurture.followups;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/**
 * {@code leadstream.follow-up.completed.v1} (schema: {@code events/follow-up.completed.v1.json}): ids, usernames and
 * times only, never the note or the outcome.
 */
@EventType("follow-up.completed")
public record FollowUpCompleted(UUID followUpId, UUID leadId, String owner, String completedBy, Instant dueAt,
        Instant completedAt) implements DomainEvent {

    public static FollowUpCompleted of(FollowUp f) {
        return new FollowUpCompleted(f.id, f.leadId, f.owner, f.completedBy, f.dueAt, f.completedAt);
    }
}
