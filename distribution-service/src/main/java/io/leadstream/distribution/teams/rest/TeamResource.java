package io.leadstream.distribution.teams.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.leadstream.chassis.problem.Problem;
import io.leadstream.distribution.teams.TeamService;
import io.smallrye.mutiny.Uni;

@Path("/api/teams")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Teams")
public class TeamResource {

    /** A team id, and a manager's Keycloak username: the shape of a rep id (V2 checks the same). */
    static final String ID = "^[a-z0-9][a-z0-9._-]{0,63}$";
    static final String ID_MESSAGE = "1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit";

    private final TeamService teams;

    public TeamResource(TeamService teams) {
        this.teams = teams;
    }

    @PUT
    @Path("/{teamId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("lead-admin")
    @Operation(summary = "Create or replace a team", description = "The body is the whole team: managerId left out "
            + "is cleared. Idempotent: repeating the same PUT changes nothing (updatedAt stays). Reps join a team by "
            + "naming it as their teamId.")
    @APIResponse(responseCode = "201", description = "created; Location names the team",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TeamView.class)))
    @APIResponse(responseCode = "200", description = "updated (or unchanged)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TeamView.class)))
    @APIResponse(responseCode = "400", description = "invalid team id or fields, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<TeamView>> putTeam(
            @PathParam("teamId") @Pattern(regexp = ID, message = "must be a team id: " + ID_MESSAGE) String teamId,
            @Valid @NotNull TeamRequest request, @Context UriInfo uri) {
        return teams.save(request.toCommand(teamId)).map(saved -> {
            TeamView view = TeamView.of(saved.roster());
            if (!saved.created()) {
                return RestResponse.ok(view);
            }
            URI location = uri.getBaseUriBuilder().path("api/teams").path(teamId).build();
            return RestResponse.ResponseBuilder.<TeamView>created(location).entity(view).build();
        });
    }

    @GET
    @Path("/{teamId}")
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(summary = "Read a team", description = "With the rep ids of its members, sorted.")
    @APIResponse(responseCode = "200", description = "the team",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TeamView.class)))
    @APIResponse(responseCode = "404", description = "no such team",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TeamView> getTeam(@PathParam("teamId") String teamId) {
        return teams.find(teamId).map(TeamView::of);
    }

    @GET
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(summary = "List teams", description = "Sorted by team id, each with its members; follow nextCursor for "
            + "the next page.")
    @APIResponse(responseCode = "200", description = "a page of teams",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TeamPage.class)))
    @APIResponse(responseCode = "400", description = "limit or cursor out of range, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TeamPage> listTeams(
            @QueryParam("cursor") @Size(max = 64) @Parameter(description = "nextCursor of the previous page") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) @Parameter(description = "page size, 1-200")
            int limit) {
        return teams.list(cursor, limit).map(TeamPage::of);
    }
}
