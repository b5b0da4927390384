package io.leadstream.nurture.stages.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.chassis.problem.Problem;
import io.leadstream.nurture.stages.MoveStage;
import io.leadstream.nurture.stages.Mover;
import io.leadstream.nurture.stages.StageService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/leads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Stages")
public class StageResource {

    private final StageService stages;
    private final SecurityIdentity identity;

    public StageResource(StageService stages, SecurityIdentity identity) {
        this.stages = stages;
        this.identity = identity;
    }

    @GET
    @Path("/{leadId}/stage")
    @RolesAllowed({ "sales-rep", "sales-manager", "lead-admin" })
    @Operation(operationId = "getStage", summary = "A lead's current stage", description = "The stage, the rep who "
            + "owns the lead and since when. A lead enters the pipeline at OPEN when distribution first assigns it. A "
            + "sales-rep sees only the leads they own; sales managers and admins all.")
    @APIResponse(responseCode = "200", description = "the stage",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StageView.class)))
    @APIResponse(responseCode = "404", description = "nurture does not know the lead (not assigned yet), or the "
            + "caller is a sales-rep who does not own it", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    public Uni<StageView> getStage(@PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId) {
        return stages.find(leadId, viewer()).map(StageView::of);
    }

    @POST
    @Path("/{leadId}/stage")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "sales-rep", "sales-manager", "lead-admin" })
    @Operation(operationId = "moveStage", summary = "Move a lead to another stage", description = "Guarded "
            + "transitions: one step forward needs nothing; skipping ahead (OPEN to QUALIFIED), stepping back (not to "
            + "OPEN) and UNQUALIFIED need a reason code; becoming a CUSTOMER before NEGOTIATION and reopening an "
            + "UNQUALIFIED lead (to OPEN or CONTACTED) need a sales-manager or lead-admin (403 otherwise) and a "
            + "reason; CUSTOMER may go INACTIVE, and INACTIVE back to NURTURING or QUALIFIED. A sales-rep moves only "
            + "the leads they own. The move is kept in the stage history with its note and published as "
            + "lead.stage-changed (with the reason code, never the note).")
    @APIResponse(responseCode = "200", description = "the lead's stage after the move",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StageView.class)))
    @APIResponse(responseCode = "400", description = "an unknown stage (to), a missing reason or one not in the "
            + "configured list (reason), a note that is too long (note), listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "nurture does not know the lead, or the caller is a sales-rep "
            + "who does not own it", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the lead is in that stage already, or the move is not allowed "
            + "from its stage (the detail names the moves that are)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<StageView> moveStage(@PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId,
            @NotNull MoveStageRequest request) {
        return stages.move(new MoveStage(leadId, request.to(), request.reason(), request.note()), mover())
                .map(StageView::of);
    }

    private Viewer viewer() {
        return mover().viewer();
    }

    private Mover mover() {
        return Mover.of(identity.getPrincipal().getName(), identity::hasRole);
    }
}
