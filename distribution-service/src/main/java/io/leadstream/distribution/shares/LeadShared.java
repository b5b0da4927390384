package io.leadstream.distribution.shares;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.leadstream.chassis.events.DomainEvent;
import io.leadstream.chassis.events.EventType;

/**
 * {@code leadstream.lead.shared.v1} (schema: {@code events/lead.shared.v1.json}): a rule or a manager offered the lead
 * to a partner company, which may accept or decline it until {@code deadline}; nobody of ours works it meanwhile. No
 * personal data (the manager's note to the partner stays in distribution).
 */
@EventType("lead.shared")
public record LeadShared(UUID leadId, UUID shareId, String partnerId, List<String> fields, String rule,
        String sharedBy, Instant sharedAt, Instant deadline) implements DomainEvent {

    static LeadShared of(PartnerShare s) {
        return new LeadShared(s.leadId, s.shareId, s.partnerId, s.fields.items(), s.ruleName, s.sharedBy, s.sharedAt,
                s.deadline);
    }
}
