package io.leadstream.capture.leads;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.capture.access.LeadAccess;
import io.leadstream.chassis.access.Viewer;
import io.leadstream.capture.consent.ConsentService;
import io.leadstream.capture.dedup.MergeAudit;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Reading one lead: with its current consents and its merge history, for a viewer who may see it. */
@ApplicationScoped
public class LeadReading {

    private final LeadAccess leadAccess;
    private final ConsentService consents;
    private final MergeAudit audit;

    public LeadReading(LeadAccess leadAccess, ConsentService consents, MergeAudit audit) {
        this.leadAccess = leadAccess;
        this.consents = consents;
        this.audit = audit;
    }

    /** The lead; a 404 problem when there is none or the viewer (a rep) may not see it, 410 when it was erased. */
    @WithSession
    public Uni<LeadRecord> find(UUID id, Viewer viewer) {
        return leadAccess.visible(id, viewer).chain(lead -> consents.current(id)
                .chain(consent -> audit.history(id).map(history -> new LeadRecord(lead, consent, history))));
    }
}
