package io.leadstream.nurture.followups;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/**
 * {@code leadstream.follow-up.due.v1} (schema: {@code events/follow-up.due.v1.json}): an open follow-up's due time has
 * come; published once per follow-up by the reminder pass. Ids, the owner's username and times only, never the note.
 */
@EventType("follow-up.due")
public record FollowUpDue(UUID followUpId, UUID leadId, String owner, Instant dueAt, Instant remindedAt)
        implements DomainEvent {

    public static FollowUpDue of(FollowUp f) {
        return new FollowUpDue(f.id, f.leadId, f.owner, f.dueAt, f.remindedAt);
    }
}
