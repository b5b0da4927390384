package io.leadstream.distribution.shares.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.problem.Problem;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.distribution.shares.Shares;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The partner's inbox: only its own shares (the tenant is the token's partner_id claim), so another partner's lead is
 * a 404 exactly like an unknown one.
 */
@Path("/api/partner/inbox")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("partner")
@Tag(name = "Partner inbox")
public class PartnerInboxResource {

    private final Shares shares;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;

    public PartnerInboxResource(Shares shares, SecurityIdentity identity, ObjectMapper mapper) {
        this.shares = shares;
        this.identity = identity;
        this.mapper = mapper;
    }

    @GET
    @Operation(operationId = "listPartnerInbox", summary = "The leads shared with your company, newest first",
            description = "Each with its state, the facts shared with you and the deadline to accept by. The contact "
                    + "details of a lead you accepted are in GET /api/partner/inbox/{leadId}.")
    @APIResponse(responseCode = "200", description = "a page of your shares",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ShareViews.InboxPage.class)))
    @APIResponse(responseCode = "400", description = "offset or limit out of range, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ShareViews.InboxPage> partnerInbox(
            @QueryParam("offset") @DefaultValue("0") @Min(0) @Max(100000) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return shares.inbox(PartnerTenant.of(identity), offset, limit + 1).map(page -> new ShareViews.InboxPage(
                page.stream().limit(limit).map(o -> ShareViews.InboxItem.of(o, null)).toList(),
                page.size() > limit ? offset + limit : null));
    }

    @GET
    @Path("/{leadId}")
    @Operation(operationId = "getPartnerInboxItem", summary = "One lead shared with your company",
            description = "As in the inbox; once you accepted it, with the lead's contact details, read from the lead "
                    + "as it is now.")
    @APIResponse(responseCode = "200", description = "the shared lead",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ShareViews.InboxItem.class)))
    @APIResponse(responseCode = "404", description = "no lead with this id was shared with you",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ShareViews.InboxItem> partnerInboxItem(
            @PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId) {
        return shares.find(PartnerTenant.of(identity), leadId)
                .map(a -> ShareViews.InboxItem.of(a.offer(), a.contact()));
    }

    @POST
    @Path("/{leadId}/accept")
    @Operation(operationId = "acceptShare", summary = "Take a shared lead",
            description = "Before the deadline: the lead is yours to work, and the answer carries its contact details.")
    @APIResponse(responseCode = "200", description = "accepted, with the contact details",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ShareViews.InboxItem.class)))
    @APIResponse(responseCode = "404", description = "no lead with this id was shared with you",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "answered already, or the deadline has passed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ShareViews.InboxItem> acceptShare(
            @PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId) {
        return shares.accept(PartnerTenant.of(identity), leadId)
                .map(a -> ShareViews.InboxItem.of(a.offer(), a.contact()));
    }

    @POST
    @Path("/{leadId}/decline")
    @Operation(operationId = "declineShare", summary = "Turn a shared lead down",
            description = "Before the deadline; the lead goes back and is routed again, never to you by the rules.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DeclineRequest.class)))
    @APIResponse(responseCode = "200", description = "declined",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ShareViews.InboxItem.class)))
    @APIResponse(responseCode = "400", description = "the reason is not a string or too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no lead with this id was shared with you",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "answered already, or the deadline has passed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ShareViews.InboxItem> declineShare(
            @PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId, String body) {
        String partner = PartnerTenant.of(identity);
        return shares.decline(partner, leadId, reason(body)).map(o -> ShareViews.InboxItem.of(o, null));
    }

    /** The body is optional (a bare POST declines without a reason), so it is read here rather than bound. */
    private String reason(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            DeclineRequest request = mapper.readValue(body, DeclineRequest.class);
            return request == null ? null : request.reason();
        } catch (java.io.IOException e) {
            throw ProblemException.badRequest("invalid-decline", "the body is not {\"reason\": \"...\"}",
                    java.util.List.of(new Problem.FieldError("reason", "must be a JSON string, or leave the body out")));
        }
    }
}
