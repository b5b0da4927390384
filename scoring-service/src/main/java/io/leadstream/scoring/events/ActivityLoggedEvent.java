package io.leadstream.scoring.events;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;

/**
 * scoring's reading of nurture's {@code leadstream.activity.logged.v1}: an activity on the lead is engagement; an
 * inbound message answering one nurture sent ({@code replyToMessageId}) is the lead replying.
 */
@EventType("activity.logged")
public record ActivityLoggedEvent(UUID activityId, UUID leadId, String kind, String direction, UUID replyToMessageId,
        Instant occurredAt) {

    boolean reply() {
        return replyToMessageId != null && "INBOUND".equals(direction);
    }
}
