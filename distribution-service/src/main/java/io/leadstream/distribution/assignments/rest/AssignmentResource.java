package io.leadstream.distribution.assignments.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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
    @Operation(summary = "Who works a lead and why", description = "The rep, the rule and rule-book version that "
            + "decided, the strategy, the reason in words, every rep considered with why each was skipped, and the "
            + "lead's assignment history, oldest first. repId is null while nobody is eligible and the lead waits. A "
            + "sales rep reads only the assignments of leads assigned to them; managers and admins read all.")
    @APIResponse(responseCode = "200", description = "the assignment",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AssignmentView.class)))
    @APIResponse(responseCode = "404", description = "the lead has not been assigned (yet), or is not yours",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AssignmentView> getAssignment(
            @PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId) {
        return assignments.find(leadId, Viewer.of(identity.getPrincipal().getName(), identity::hasRole))
                .map(found -> AssignmentView.of(found));
    }

    @POST
    @Path("/{leadId}/reassign")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(operationId = "reassignLead", summary = "Move a lead to another rep, with a reason",
            description = "To the rep named (registered and active; capacity and hours do not bind a manager), or, "
                    + "without repId, wherever the rules in force send it with its current rep left out. Announced as "
                    + "lead.reassigned (a waiting lead given to a rep: lead.assigned, strategy MANUAL) and recorded "
                    + "in the history with who did it.")
    @APIResponse(responseCode = "200", description = "the assignment after the move",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AssignmentView.class)))
    @APIResponse(responseCode = "400", description = "invalid body, or a rep who is not registered or inactive",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "distribution has not routed this lead",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the named rep already works it, or nobody else is eligible",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AssignmentView> reassignLead(
            @PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId,
            @Valid @NotNull ReassignRequest request) {
        String actor = identity.getPrincipal().getName();
        return assignments.reassign(leadId, request.repId(), request.reason().strip(), actor)
                .chain(moved -> assignments.find(leadId, Viewer.of(actor, identity::hasRole)))
                .map(found -> AssignmentView.of(found));
    }
}
