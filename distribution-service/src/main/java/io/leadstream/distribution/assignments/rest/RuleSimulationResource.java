package io.leadstream.distribution.assignments.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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

import io.leadstream.chassis.problem.Problem;
import io.leadstream.distribution.assignments.RuleSimulation;
import io.smallrye.mutiny.Uni;

@Path("/api/assignment/rules/simulate")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assignment rules")
public class RuleSimulationResource {

    private final RuleSimulation simulation;

    public RuleSimulationResource(RuleSimulation simulation) {
        this.simulation = simulation;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("lead-admin")
    @Operation(operationId = "simulateAssignmentRules", summary = "Where a sample of stored leads would go, and why",
            description = "Routes the given leads (or the most recently scored) under a draft or the rules in force, "
                    + "with the reps' loads and rotations as they stand, each choice counting towards the next as it "
                    + "would live. Nothing is assigned, stored or announced.")
    @APIResponse(responseCode = "200", description = "the outcome per lead and the totals", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SimulationView.class)))
    @APIResponse(responseCode = "400", description = "invalid draft or sample, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SimulationView> simulateAssignmentRules(@Valid @NotNull SimulationRequest request) {
        return simulation.simulate(request.rules(), request.leadIds() == null ? List.of() : request.leadIds(),
                request.sample() == null ? 50 : request.sample()).map(SimulationView::of);
    }
}
