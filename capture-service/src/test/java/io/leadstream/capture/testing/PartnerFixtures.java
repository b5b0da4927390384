package io.leadstream.capture.testing;

import java.net.URI;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.capture.idempotency.IdempotencyKey;
import io.leadstream.capture.idempotency.Reply;
import io.leadstream.capture.leads.rest.LeadResource;
import io.leadstream.capture.model.LeadSubmission;
import io.leadstream.capture.partner.PartnerSubmissions;
import io.leadstream.capture.partner.rest.PartnerLeadSubmissions;
import io.leadstream.capture.partner.rest.PartnerLeadView;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Submissions by callers other than the test's own identity (one {@code @TestSecurity} per test method): another
 * partner, or an app through POST /api/leads. They go through the same calls as those endpoints make.
 */
@ApplicationScoped
public class PartnerFixtures {

    static final URI BASE = URI.create("http://localhost/");

    final LeadResource leads;
    final PartnerLeadSubmissions partnerLeads;
    final PartnerSubmissions partners;
    final ObjectMapper mapper;

    PartnerFixtures(LeadResource leads, PartnerLeadSubmissions partnerLeads, PartnerSubmissions partners,
            ObjectMapper mapper) {
        this.leads = leads;
        this.partnerLeads = partnerLeads;
        this.partners = partners;
        this.mapper = mapper;
    }

    /** What PartnerLeadResource does for a token of {@code tenant}. */
    public Reply asPartner(String tenant, String json) {
        String caller = "service-account-partner-" + tenant;
        IdempotencyKey key = new IdempotencyKey("partner:" + tenant + " user:" + caller, UUID.randomUUID().toString());
        return await(() -> partnerLeads.submit(mapper.readTree(json), tenant, key, new Viewer(caller, false), BASE,
                "/api/partner/leads"));
    }

    /** What LeadResource does for an app's POST /api/leads without a key. */
    public Reply asApp(String json) {
        return await(() -> leads.submit(mapper.readValue(json, LeadSubmission.class),
                null, new Viewer("crm-app", true), BASE, "/api/leads"));
    }

    /** What GET /api/partner/leads/{id} answers {@code tenant}. */
    public PartnerLeadView find(String tenant, UUID id) {
        return partners.find(tenant, id).map(PartnerLeadView::of).await().atMost(java.time.Duration.ofSeconds(10));
    }

    interface Call {
        io.smallrye.mutiny.Uni<Reply> get() throws Exception;
    }

    private static Reply await(Call call) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> {
                try {
                    return call.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
