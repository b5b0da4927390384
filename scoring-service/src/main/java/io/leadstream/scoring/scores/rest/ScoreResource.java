package io.leadstream.scoring.scores.rest;

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
import io.leadstream.scoring.scores.ScoringService;
import io.smallrye.mutiny.Uni;

@Path("/api/scores")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scores")
public class ScoreResource {

    private final ScoringService scoring;

    public ScoreResource(ScoringService scoring) {
        this.scoring = scoring;
    }

    @GET
    @Path("/{leadId}")
    @RolesAllowed({ "sales-rep", "sales-manager", "integration", "lead-admin" })
    @Operation(summary = "A lead's current score", description = "0-100 with grade A-D, fit, engagement, data "
            + "quality and the reasons behind every point.")
    @APIResponse(responseCode = "200", description = "the score",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScoreView.class)))
    @APIResponse(responseCode = "404", description = "the lead has not been scored (yet)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ScoreView> get(@PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId) {
        return scoring.find(leadId).map(ScoreView::of);
    }
}
