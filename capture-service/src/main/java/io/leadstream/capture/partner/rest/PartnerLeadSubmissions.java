package io.leadstream.capture.partner.rest;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriBuilder;

import com.fasterxml.jackson.databind.JsonNode;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.capture.idempotency.IdempotencyKey;
import io.leadstream.capture.idempotency.Reply;
import io.leadstream.capture.idempotency.rest.Replies;
import io.leadstream.capture.intake.CaptureLead;
import io.leadstream.capture.intake.LeadIntake;
import io.leadstream.capture.intake.Origin;
import io.leadstream.capture.model.LeadSubmission;
import io.leadstream.capture.partner.PartnerSubmissions;
import io.smallrye.mutiny.Uni;

/**
 * What {@code POST /api/partner/leads} does with a partner's lead, once the tenant is admitted: captured once per
 * key, kept as the partner's own submission in the capture transaction, and answered 201 with that submission only
 * (never the lead it became or was merged into). Apart from the resource so that tests can submit as another partner.
 */
@ApplicationScoped
public class PartnerLeadSubmissions {

    private final LeadIntake capture;
    private final PartnerSubmissions partners;
    private final Replies replies;

    public PartnerLeadSubmissions(LeadIntake capture, PartnerSubmissions partners, Replies replies) {
        this.capture = capture;
        this.partners = partners;
        this.replies = replies;
    }

    /** {@code base} is the service's address, {@code path} the request's (a stored problem's instance). */
    public Uni<Reply> submit(JsonNode body, String tenant, IdempotencyKey key, Viewer caller, URI base, String path) {
        LeadSubmission request = partners.request(body);
        CaptureLead command = new CaptureLead(request, Origin.partner(tenant), caller);
        return replies.once(key, LeadIntake.CAPTURE, request, path, claim -> capture.capture(command,
                captured -> partners.record(tenant, captured, caller.name())
                        .chain(submitted -> replies.keep(claim, replies.json(201,
                                UriBuilder.fromUri(base).path("api/partner/leads").path(submitted.id().toString()).build(),
                                PartnerLeadView.of(submitted), captured.lead().id)))));
    }
}
