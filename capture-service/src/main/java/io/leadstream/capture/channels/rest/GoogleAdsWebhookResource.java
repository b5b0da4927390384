package io.leadstream.capture.channels.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.capture.channels.GoogleAdsInbox;
import io.leadstream.capture.channels.GoogleAdsLeadPayload;
import io.leadstream.capture.leads.rest.LeadResource;
import io.leadstream.chassis.problem.Problem;
import io.smallrye.mutiny.Uni;

/** The Google Ads lead form webhook (public: Google calls it without a token; the body's google_key is checked). */
// public on purpose: the sender signs (or keys) each call, which the resource checks before anything is stored
@PermitAll
@Path("/webhooks/google-ads")
@Tag(name = "Webhooks")
public class GoogleAdsWebhookResource {

    private final GoogleAdsInbox inbox;

    public GoogleAdsWebhookResource(GoogleAdsInbox inbox) {
        this.inbox = inbox;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a Google Ads lead", description = "Google's lead form webhook. google_key must be "
            + "the configured key (leadstream.capture.google-ads.key), else 403 and nothing is stored. The lead "
            + "(source google-ads) is made from user_column_data (FULL_NAME or FIRST_NAME/LAST_NAME, EMAIL, "
            + "PHONE_NUMBER, COMPANY_NAME, JOB_TITLE, COUNTRY; other columns are ignored) and keeps its campaign "
            + "data (campaign, ad group, creative, form, gclid). A lead_id received before is answered with what it "
            + "did then (Google retries); is_test leads are accepted and marked test.")
    @APIResponse(responseCode = "200", description = "stored (outcome CREATED, or MERGED into the lead with the same "
            + "email or phone) or received before (duplicate true); Location names the lead",
            headers = @Header(name = "Location", description = "the lead's URL", schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InquiryView.class)))
    @APIResponse(responseCode = "400", description = "no lead_id, or the answers cannot make a lead (errors[] names "
            + "the lead's fields)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "google_key missing or wrong (type .../webhook-key-invalid)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> receiveGoogleAdsLead(GoogleAdsLeadPayload payload, @Context UriInfo uri) {
        return inbox.receive(payload).map(recorded -> Response.ok(InquiryView.of(recorded), MediaType.APPLICATION_JSON)
                .location(LeadResource.location(uri.getBaseUri(), recorded.leadId())).build());
    }
}
