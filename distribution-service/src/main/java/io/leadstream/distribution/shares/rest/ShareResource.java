package io.leadstream.distribution.shares.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.leadstream.chassis.problem.Problem;
import io.leadstream.distribution.shares.Shares;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/shares")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Shares")
public class ShareResource {

    private final Shares shares;
    private final SecurityIdentity identity;

    public ShareResource(Shares shares, SecurityIdentity identity) {
        this.shares = shares;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(operationId = "shareLead", summary = "Share a lead with a partner company",
            description = "The partner sees the chosen facts (no personal data) in its inbox and may accept or decline "
                    + "until the deadline; unanswered, the lead is recalled then and routed again without that "
                    + "partner. Meanwhile nobody of ours works it: its assignment has no rep and the target "
                    + "partner:<id>, with a SHARED step. Announced as lead.shared.")
    @APIResponse(responseCode = "201", description = "the share",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ShareViews.ShareView.class)))
    @APIResponse(responseCode = "400", description = "invalid fields, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "distribution has neither routed nor scored this lead",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the lead already has an open share (offered or accepted)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ShareViews.ShareView> shareLead(@NotNull ShareRequest request) {
        return shares.share(new Shares.ShareLead(request.leadId(), request.partnerId(), request.acceptWithin(),
                request.fields(), request.note()), identity.getPrincipal().getName()).map(ShareViews.ShareView::of);
    }
}
