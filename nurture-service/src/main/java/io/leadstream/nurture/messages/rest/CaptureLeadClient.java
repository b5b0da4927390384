package io.leadstream.nurture.messages.rest;

import java.time.Instant;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;

/**
 * capture-service's lead API ({@code quarkus.rest-client.capture.url}), called with nurture's own client-credentials
 * token (the {@code nurture-service} client; its service account has the narrow roles {@code contact-lookup} and {@code consent-writer}). Only
 * {@link CaptureLeadDirectory} calls it.
 */
@RegisterRestClient(configKey = "capture")
@OidcClientFilter
@Path("/api/leads")
interface CaptureLeadClient {

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<CapturedLead> lead(@PathParam("id") UUID id);

    @POST
    @Path("/{id}/consents")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Void> recordConsent(@PathParam("id") UUID id, ConsentEntry entry);

    /** What nurture reads of capture's LeadView: what a message needs (unknown fields are ignored). */
    record CapturedLead(String firstName, String lastName, String email, String phone, String company, String country,
            String language, String timeZone, Qualifiers qualifiers) {
    }

    /** The products the lead asked about, for templates' {lead.products}. */
    record Qualifiers(java.util.List<String> products) {
    }

    /** capture's RecordConsentRequest: a withdrawal needs the proof's method and source only. */
    record ConsentEntry(String purpose, String channel, String status, Proof proof) {
    }

    record Proof(Instant capturedAt, String method, String source) {
    }
}
