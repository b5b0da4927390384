package io.leadstream.scoring.scores;

import java.time.Instant;
import java.util.UUID;

import io.leadstream.chassis.events.EventType;


/**
 * scoring's own reading of capture's {@code leadstream.lead.captured.v1} (tolerant: unknown fields are
 * ignored). Checked against capture's JSON Schema in EventContractsTest.
 */
@EventType("lead.captured")
public record LeadCapturedEvent(UUID leadId, String source, String company, String country, Instant capturedAt,
        Quality quality) {

    public record Quality(boolean emailValid, String emailDomainKind, boolean phoneValid, String phoneType,
            boolean hasCompany) {
    }

    public LeadFacts facts() {
        Quality q = quality == null ? new Quality(false, null, false, null, company != null) : quality;
        return new LeadFacts(source, q.hasCompany(), country, q.emailValid(), q.emailDomainKind(), q.phoneValid(),
                q.phoneType());
    }
}
