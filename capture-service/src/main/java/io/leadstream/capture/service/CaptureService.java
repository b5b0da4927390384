package io.leadstream.capture.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.capture.Lead;
import io.leadstream.capture.messaging.LeadCaptured;
import io.leadstream.capture.repository.LeadSearch;
import io.leadstream.capture.rest.CaptureLeadRequest;
import io.leadstream.capture.rest.LeadPage;
import io.leadstream.capture.rest.LeadView;
import io.leadstream.chassis.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Creating and reading leads. The lead and its lead.captured event commit in one transaction. */
@ApplicationScoped
public class CaptureService {

    private final ContactNormaliser normaliser;
    private final Outbox outbox;
    private final LeadSearch leadSearch;

    public CaptureService(ContactNormaliser normaliser, Outbox outbox, LeadSearch leadSearch) {
        this.normaliser = normaliser;
        this.outbox = outbox;
        this.leadSearch = leadSearch;
    }

    @WithTransaction
    public Uni<LeadView> capture(CaptureLeadRequest request) {
        return Uni.createFrom().item(() -> normaliser.normalise(request)).chain(contact -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Lead lead = new Lead();
            lead.id = UUID.randomUUID();
            lead.firstName = contact.firstName();
            lead.lastName = contact.lastName();
            lead.email = contact.email();
            lead.phone = contact.phone();
            lead.company = contact.company();
            lead.country = contact.country();
            lead.source = contact.source();
            lead.createdAt = now;
            lead.updatedAt = now;
            return lead.<Lead>persist()
                    .chain(() -> outbox.record(lead.id.toString(), "lead.captured", LeadCaptured.of(lead, contact.quality())))
                    .invoke(() -> Log.infof("captured lead %s from %s", lead.id, lead.source))
                    .replaceWith(() -> LeadView.of(lead));
        });
    }

    @WithSession
    public Uni<LeadPage> search(LeadSearch.Criteria criteria) {
        return leadSearch.search(criteria)
                .map(page -> new LeadPage(page.items().stream().map(LeadView::of).toList(), page.nextCursor()));
    }

    @WithSession
    public Uni<LeadView> find(UUID id) {
        return Lead.findExisting(id).map(LeadView::of);
    }
}
