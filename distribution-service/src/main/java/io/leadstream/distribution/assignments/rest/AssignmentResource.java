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

import io.leadstream.chassis.access.Viewer;
import io.leadstream.chassis.problem.Problem;
import io.leadstream.distribution.assignments.AssignmentService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/assignments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assignments")
public class AssignmentResource {

    private final AssignmentService assignments;

    private final SecurityIdentity identity;

    public AssignmentResource(AssignmentService assignments, SecurityIdentity identity) {
        this.assignments = assignments;
        this.identity = identity;
    }

    @GET
    @Path("/{leadId}")
    @RolesAllowed({ "sales-rep", "sales-manager", "lead-admin" })
    @Operation(summary = "Who works a lead and why", description = "The rep, the strategy, the reason in words and "
            + "the reps considered. repId is null while no rep was active and the lead waits. A sales rep reads only "
            + "the assignments of leads assigned to them; managers and admins read all.")
    @APIResponse(responseCode = "200", description = "the assignment",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AssignmentView.class)))
    @APIResponse(responseCode = "404", description = "the lead has not been assigned (yet), or is not yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AssignmentView> getAssignment(
            @PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId) {
        return assignments.find(leadId, Viewer.of(identity.getPrincipal().getName(), identity::hasRole))
                .map(AssignmentView::of);
    }
}
