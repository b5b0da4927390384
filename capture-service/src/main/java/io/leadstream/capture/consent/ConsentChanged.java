package io.leadstream.capture.consent;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.capture.model.ConsentChannel;
import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/**
 * {@code leadstream.consent.changed.v1} (schema: {@code events/consent.changed.v1.json}): a grant or a withdrawal
 * was recorded. Carries no personal data: the proof's address and IP address stay in capture-service.
 */
@EventType("consent.changed")
public record ConsentChanged(UUID leadId, String purpose, ConsentChannel channel, ConsentStatus status, String method,
        Instant recordedAt) implements DomainEvent {

    public static ConsentChanged of(ConsentEntry entry) {
        return new ConsentChanged(entry.leadId, entry.purpose, entry.channel, entry.status, entry.method,
                entry.recordedAt);
    }
}
