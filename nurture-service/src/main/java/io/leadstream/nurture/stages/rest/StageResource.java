package io.leadstream.nurture.stages.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
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

import io.leadstream.chassis.problem.Problem;
import io.leadstream.nurture.stages.StageService;
import io.smallrye.mutiny.Uni;

@Path("/api/leads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Stages")
public class StageResource {

    private final StageService stages;

    public StageResource(StageService stages) {
        this.stages = stages;
    }

    @GET
    @Path("/{leadId}/stage")
    @RolesAllowed({ "sales-rep", "sales-manager", "lead-admin" })
    @Operation(summary = "A lead's current stage", description = "The stage, the rep who owns the lead and since when. "
            + "A lead enters the pipeline at OPEN when distribution first assigns it; moving it (guarded transitions) "
            + "is not built yet.")
    @APIResponse(responseCode = "200", description = "the stage",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StageView.class)))
    @APIResponse(responseCode = "404", description = "nurture does not know the lead (not assigned yet)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<StageView> getStage(@PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId) {
        return stages.find(leadId).map(StageView::of);
    }
}
