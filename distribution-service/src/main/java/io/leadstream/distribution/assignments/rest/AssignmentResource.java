package io.leadstream.distribution.assignments.rest;

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
import io.leadstream.distribution.assignments.AssignmentService;
import io.smallrye.mutiny.Uni;

@Path("/api/assignments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assignments")
public class AssignmentResource {

    private final AssignmentService assignments;

    public AssignmentResource(AssignmentService assignments) {
        this.assignments = assignments;
    }

    @GET
    @Path("/{leadId}")
    @RolesAllowed({ "sales-rep", "sales-manager", "lead-admin" })
    @Operation(summary = "Who works a lead and why", description = "The rep, the strategy, the reason in words and "
            + "the reps considered. repId is null while no rep was active and the lead waits. Reps can read every "
            + "lead's assignment for now; visibility by owner and team arrives with the distribution issue.")
    @APIResponse(responseCode = "200", description = "the assignment",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AssignmentView.class)))
    @APIResponse(responseCode = "404", description = "the lead has not been assigned (yet)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AssignmentView> getAssignment(
            @PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId) {
        return assignments.find(leadId).map(AssignmentView::of);
    }
}
