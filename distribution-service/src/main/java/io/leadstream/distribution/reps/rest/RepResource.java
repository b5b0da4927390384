package io.leadstream.distribution.reps.rest;

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
import io.leadstream.distribution.reps.RepService;
import io.smallrye.mutiny.Uni;

@Path("/api/reps")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reps")
public class RepResource {

    /** A Keycloak username as Leadstream accepts it for a rep, and the shape of a team id (V1, V2 check the same). */
    static final String ID = "^[a-z0-9][a-z0-9._-]{0,63}$";
    static final String ID_MESSAGE = "must be 1-64 lower-case letters, digits, '.', '_' or '-', starting with a "
            + "letter or digit";

    private final RepService reps;

    public RepResource(RepService reps) {
        this.reps = reps;
    }

    @PUT
    @Path("/{repId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("lead-admin")
    @Operation(summary = "Register or replace a rep", description = "The rep id is the rep's Keycloak username. "
            + "The body is the whole rep: a list left out is cleared, a number, teamId or workingHours left out is "
            + "unset. Idempotent: repeating the same PUT changes nothing (updatedAt stays). An inactive rep keeps its "
            + "leads but gets no new ones.")
    @APIResponse(responseCode = "201", description = "registered; Location names the rep",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RepView.class)))
    @APIResponse(responseCode = "200", description = "updated (or unchanged)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RepView.class)))
    @APIResponse(responseCode = "400", description = "invalid rep id or fields (an unknown teamId too), each listed "
            + "in errors[] with its path (workingHours.week.MONDAY[1], outOfOffice[0].to, territories[2], …)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<RepView>> putRep(
            @PathParam("repId") @Pattern(regexp = ID, message = "must be a Keycloak username: 1-64 lower-case "
                    + "letters, digits, '.', '_' or '-', starting with a letter or digit") String repId,
            @Valid @NotNull RepRequest request, @Context UriInfo uri) {
        return reps.save(request.toCommand(repId)).map(saved -> {
            RepView view = RepView.of(saved.rep());
            if (!saved.created()) {
                return RestResponse.ok(view);
            }
            URI location = uri.getBaseUriBuilder().path("api/reps").path(repId).build();
            return RestResponse.ResponseBuilder.<RepView>created(location).entity(view).build();
        });
    }

    @GET
    @Path("/{repId}")
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(summary = "Read a rep")
    @APIResponse(responseCode = "200", description = "the rep",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RepView.class)))
    @APIResponse(responseCode = "404", description = "no such rep",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RepView> getRep(@PathParam("repId") String repId) {
        return reps.find(repId).map(RepView::of);
    }

    @GET
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(summary = "List reps", description = "Sorted by rep id; follow nextCursor for the next page.")
    @APIResponse(responseCode = "200", description = "a page of reps",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RepPage.class)))
    @APIResponse(responseCode = "400", description = "limit or cursor out of range, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RepPage> listReps(
            @QueryParam("cursor") @Size(max = 64) @Parameter(description = "nextCursor of the previous page") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) @Parameter(description = "page size, 1-200")
            int limit) {
        return reps.list(cursor, limit).map(RepPage::of);
    }
}
