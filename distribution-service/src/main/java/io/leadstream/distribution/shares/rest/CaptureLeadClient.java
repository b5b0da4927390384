package io.leadstream.distribution.shares.rest;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;

/**
 * capture-service's lead API ({@code quarkus.rest-client.capture.url}), called with distribution's own
 * client-credentials token (the {@code distribution-service} client; its service account has capture's
 * {@code contact-lookup} role, which reads one lead by id and nothing else). Only {@link CaptureContacts} calls it.
 */
@RegisterRestClient(configKey = "capture")
@OidcClientFilter
@Path("/api/leads")
interface CaptureLeadClient {

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<CapturedLead> lead(@PathParam("id") UUID id);

    /** What distribution reads of capture's LeadView: the contact details only (unknown fields are ignored). */
    record CapturedLead(String firstName, String lastName, String email, String phone, String company) {
    }
}
