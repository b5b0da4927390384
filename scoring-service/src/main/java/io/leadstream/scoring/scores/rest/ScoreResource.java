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

import io.leadstream.chassis.access.Viewer;
import io.leadstream.chassis.problem.Problem;
import io.leadstream.scoring.scores.ScoringService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/scores/{leadId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scores")
@RolesAllowed({ "sales-rep", "sales-manager", "integration", "lead-admin" })
public class ScoreResource {

    private final ScoringService scoring;
    private final SecurityIdentity identity;

    public ScoreResource(ScoringService scoring, SecurityIdentity identity) {
        this.scoring = scoring;
        this.identity = identity;
    }

    @GET
    @Operation(operationId = "getScore", summary = "A lead's current score", description = "0-100 with grade A-D, its "
            + "parts (data quality, fit, engagement, model) and every reason behind the points. A sales rep reads only "
            + "the scores of leads assigned to them.")
    @APIResponse(responseCode = "200", description = "the score",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScoreView.class)))
    @APIResponse(responseCode = "404", description = "the lead has not been scored (yet), or is not yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "the lead was merged into another; its score is retired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ScoreView> getScore(@PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId) {
        return scoring.find(leadId, viewer()).map(ScoreView::of);
    }

    @GET
    @Path("/history")
    @Operation(operationId = "getScoreHistory", summary = "Every score a lead had",
            description = "Oldest first, each with what caused it (an event, decay, a rule change, a model promotion, "
                    + "a credit check) and a note when the lead was qualified or fell below the threshold.")
    @APIResponse(responseCode = "200", description = "the history", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScoreHistoryView.class)))
    @APIResponse(responseCode = "404", description = "the lead has not been scored (yet), or is not yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "the lead was merged into another; read the survivor's history",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ScoreHistoryView> getScoreHistory(
            @PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId) {
        return scoring.history(leadId, viewer()).map(history -> ScoreHistoryView.of(leadId, history));
    }

    /** Sales reps see the leads assigned to them only; managers, admins and integrations see all. */
    private Viewer viewer() {
        return Viewer.of(identity.getPrincipal().getName(), identity::hasRole);
    }
}
