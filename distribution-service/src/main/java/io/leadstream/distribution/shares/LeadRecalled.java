package io.leadstream.distribution.shares;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/**
 * {@code leadstream.lead.recalled.v1} (schema: {@code events/lead.recalled.v1.json}): a share ended without the
 * partner working the lead — it declined ({@code DECLINED}), the deadline passed unanswered ({@code DEADLINE}), a
 * manager reassigned the lead ({@code REASSIGNED}) or it was merged into another ({@code MERGED}). Where the lead goes
 * next follows as its own event (lead.assigned, lead.queued, lead.shared). No personal data.
 */
@EventType("lead.recalled")
public record LeadRecalled(UUID leadId, UUID shareId, String partnerId, String reason, Instant sharedAt,
        Instant recalledAt) implements DomainEvent {

    static LeadRecalled of(PartnerShare s) {
        return new LeadRecalled(s.leadId, s.shareId, s.partnerId, s.closeReason, s.sharedAt, s.answeredAt);
    }
}
