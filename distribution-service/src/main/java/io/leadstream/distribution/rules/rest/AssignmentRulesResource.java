package io.leadstream.distribution.rules.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
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
import io.leadstream.distribution.routing.RuleBook;
import io.leadstream.distribution.rules.RuleBooks;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/assignment/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Assignment rules")
public class AssignmentRulesResource {

    private final RuleBooks books;
    private final SecurityIdentity identity;

    public AssignmentRulesResource(RuleBooks books, SecurityIdentity identity) {
        this.books = books;
        this.identity = identity;
    }

    @GET
    @RolesAllowed("lead-admin")
    @Operation(operationId = "getAssignmentRules", summary = "The assignment rules in force, or one version of them",
            description = "Ordered rules (conditions → target and strategy) and the fallback for leads no rule matches.")
    @APIResponse(responseCode = "200", description = "the rules", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RuleBookView.class)))
    @APIResponse(responseCode = "404", description = "no such version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RuleBookView> getAssignmentRules(@QueryParam("version") @Parameter(description = "a stored version; "
            + "without it, the rules in force") @Schema(minimum = "1") Integer version) {
        return books.find(version).map(RuleBookView::of);
    }

    @GET
    @Path("/versions")
    @RolesAllowed("lead-admin")
    @Operation(operationId = "listAssignmentRuleVersions", summary = "Every version of the assignment rules, newest first",
            description = "Each with who stored it when; version 1 is the built-in default.")
    @APIResponse(responseCode = "200", description = "the versions", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = RuleBookView.class)))
    public Uni<List<RuleBookView>> listAssignmentRuleVersions() {
        return books.versions().map(all -> all.stream().map(RuleBookView::of).toList());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("lead-admin")
    @Operation(operationId = "putAssignmentRules", summary = "Store a new version of the assignment rules",
            description = "Validated as a whole: a 400 problem names every offending field (rules[2].when.grades) and, "
                    + "in its message, the rule. Named reps must be registered. The new version is in force at once "
                    + "for every lead routed after it; leads already assigned keep their rep.")
    @APIResponse(responseCode = "200", description = "stored and in force", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RuleBookView.class)))
    @APIResponse(responseCode = "400", description = "invalid rules, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "another admin stored a version at the same moment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RuleBookView> putAssignmentRules(RuleBook book) {
        return books.store(book, identity.getPrincipal().getName()).map(RuleBookView::of);
    }
}
