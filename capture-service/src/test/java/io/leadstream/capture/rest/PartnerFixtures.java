package io.leadstream.capture.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.capture.service.CaptureService;
import io.leadstream.capture.service.IdempotencyKey;
import io.leadstream.capture.service.Origin;
import io.leadstream.capture.service.PartnerSubmissions;
import io.leadstream.capture.service.Reply;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Submissions by callers other than the test's own identity (one {@code @TestSecurity} per test method): another
 * partner, or an app through POST /api/leads. They go through the same service calls as those endpoints do.
 */
@ApplicationScoped
class PartnerFixtures {

    final CaptureService capture;
    final PartnerSubmissions partners;
    final ObjectMapper mapper;

    PartnerFixtures(CaptureService capture, PartnerSubmissions partners, ObjectMapper mapper) {
        this.capture = capture;
        this.partners = partners;
        this.mapper = mapper;
    }

    /** What PartnerLeadResource does for a token of {@code tenant}. */
    Reply asPartner(String tenant, String json) {
        String caller = "service-account-partner-" + tenant;
        IdempotencyKey key = new IdempotencyKey("partner:" + tenant + " user:" + caller, UUID.randomUUID().toString());
        return await(() -> capture.capture(partners.request(mapper.readTree(json)), Origin.partner(tenant), key,
                "/api/partner/leads", partners.receipt(tenant, caller,
                        id -> URI.create("http://localhost/api/partner/leads/" + id)), caller));
    }

    /** What LeadResource does for an app's POST /api/leads without a key. */
    Reply asApp(String json) {
        return await(() -> capture.capture(mapper.readValue(json, CaptureLeadRequest.class), null, "/api/leads",
                id -> URI.create("http://localhost/api/leads/" + id), "crm-app"));
    }

    /** What GET /api/partner/leads/{id} answers {@code tenant}. */
    PartnerLeadView find(String tenant, UUID id) {
        return partners.find(tenant, id).await().atMost(java.time.Duration.ofSeconds(10));
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
