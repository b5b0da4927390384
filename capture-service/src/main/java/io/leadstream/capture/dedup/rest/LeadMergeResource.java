package io.leadstream.capture.dedup.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.capture.dedup.LeadMerging;
import io.leadstream.capture.leads.rest.LeadView;
import io.leadstream.chassis.problem.Problem;
import io.smallrye.mutiny.Uni;

/** A manager merges a duplicate into a lead. */
@Path("/api/leads/{id}/merge")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Leads")
public class LeadMergeResource {

    private final LeadMerging merging;

    public LeadMergeResource(LeadMerging merging) {
        this.merging = merging;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(operationId = "mergeLeads", summary = "Merge a duplicate into this lead", description = "The lead in the path survives. The "
            + "duplicate's non-blank email, phone, company and country fill the survivor's blank ones (the survivor's "
            + "values win). The duplicate keeps its data, consent ledger and merge history, which the survivor's "
            + "ledger and duplicates history now include; it is marked mergedInto the survivor, no longer searched "
            + "or matched on create, and GET /api/leads/{duplicateId} still answers it with mergedInto. Audited "
            + "(kind MANUAL, by whom, the reason) and announced as lead.merged with kind MANUAL and mergedLeadId.")
    @APIResponse(responseCode = "200", description = "merged: the survivor after the merge, with merges",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class)))
    @APIResponse(responseCode = "400", description = "invalid fields (errors[]), e.g. duplicateId is the lead itself",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such lead (the one in the path or the duplicate)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the duplicate was merged already, or the lead in the path was "
            + "merged into another (type .../lead-merged; the detail names the lead it was merged into)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<LeadView> merge(@PathParam("id") @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
            @Valid @NotNull MergeLeadRequest request, @Context SecurityContext caller) {
        return merging.merge(id, request.duplicateId(), request.reason(), caller.getUserPrincipal().getName())
                .map(merged -> LeadView.of(merged.survivor()).withMerges(merged.merges()));
    }
}
