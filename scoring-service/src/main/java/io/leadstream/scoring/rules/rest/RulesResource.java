package io.leadstream.scoring.rules.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.chassis.problem.Problem;
import io.leadstream.scoring.engine.RuleSet;
import io.leadstream.scoring.rules.RescoreJobs;
import io.leadstream.scoring.rules.RuleChanges;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/scoring/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scoring rules")
public class RulesResource {

    private final RuleChanges changes;
    private final RescoreJobs jobs;
    private final SecurityIdentity identity;

    public RulesResource(RuleChanges changes, RescoreJobs jobs, SecurityIdentity identity) {
        this.changes = changes;
        this.jobs = jobs;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ "lead-admin", "sales-manager" })
    @Operation(operationId = "getScoringRules", summary = "The scoring rules in force, or one version of them",
            description = "Data-quality points, fit rules, engagement points and half-life, grade bands, the "
                    + "qualification threshold, the decay re-score step and the model's maximum points.")
    @APIResponse(responseCode = "200", description = "the rules",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RulesView.class)))
    @APIResponse(responseCode = "404", description = "no such version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RulesView> getScoringRules(@QueryParam("version") @Parameter(description = "a stored version; "
            + "without it, the rules in force") @Schema(minimum = "1") Integer version) {
        return changes.find(version).map(RulesView::of);
    }

    @GET
    @Path("/versions")
    @RolesAllowed({ "lead-admin", "sales-manager" })
    @Operation(operationId = "listScoringRuleVersions", summary = "Every version of the scoring rules, newest first",
            description = "Each with who stored it when; version 1 is the built-in default.")
    @APIResponse(responseCode = "200", description = "the versions", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = RulesView.class)))
    public Uni<List<RulesView>> listScoringRuleVersions() {
        return changes.versions().map(all -> all.stream().map(RulesView::of).toList());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("lead-admin")
    @Operation(operationId = "putScoringRules", summary = "Store a new version of the scoring rules",
            description = "Validated as a whole (a 400 problem names every offending field, e.g. fit[2].when.op). "
                    + "The new version is in force at once; every stored lead is re-scored in the background by the "
                    + "job returned (GET its href for progress).")
    @APIResponse(responseCode = "200", description = "stored; the re-scoring job has started", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RuleChangeView.class)))
    @APIResponse(responseCode = "400", description = "the rules are invalid; nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RuleChangeView> putScoringRules(RuleSet rules) {
        return changes.store(rules, identity.getPrincipal().getName()).map(RuleChangeView::of);
    }

    @POST
    @Path("/simulate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("lead-admin")
    @Operation(operationId = "simulateScoringRules", summary = "What a draft would do to the stored leads",
            description = "Scores a sample of stored leads under the draft and compares with their scores now: grade "
                    + "distribution, qualified leads, leads whose grade would change. Stores and announces nothing.")
    @APIResponse(responseCode = "200", description = "the comparison", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SimulationView.class)))
    @APIResponse(responseCode = "400", description = "the draft or the sample size is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SimulationView> simulateScoringRules(RuleSet draft,
            @QueryParam("sample") @DefaultValue("1000") @Parameter(description = "how many stored leads (by id)")
            @Schema(minimum = "1", maximum = "5000") int sample) {
        return changes.simulate(draft, sample).map(SimulationView::of);
    }

    @GET
    @Path("/jobs/{id}")
    @RolesAllowed("lead-admin")
    @Operation(operationId = "getRescoreJob", summary = "Progress of a re-scoring job",
            description = "Started by a rule change or a model promotion.")
    @APIResponse(responseCode = "200", description = "the job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "no such job",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<JobView> getRescoreJob(@PathParam("id") @Schema(type = SchemaType.STRING, format = "uuid") UUID id) {
        return jobs.find(id).map(JobView::of);
    }
}
