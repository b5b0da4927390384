package io.leadstream.nurture.followups.rest;

import java.time.Clock;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

import io.leadstream.chassis.access.Viewer;
import io.leadstream.chassis.problem.Problem;
import io.leadstream.nurture.followups.FollowUpCursor;
import io.leadstream.nurture.followups.FollowUpService;
import io.leadstream.nurture.followups.FollowUpState;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The follow-ups of an owner, one follow-up, and completing it. */
@Path("/api/follow-ups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Follow-ups")
public class FollowUpResource {

    private final FollowUpService followUps;
    private final SecurityIdentity identity;
    private final Clock clock;

    public FollowUpResource(FollowUpService followUps, SecurityIdentity identity, Clock clock) {
        this.followUps = followUps;
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({ "sales-rep", "sales-manager" })
    @Operation(operationId = "listFollowUps", summary = "An owner's follow-ups that are due, overdue or done", description = "By due time (earliest "
            + "first), paged with limit and the previous page's nextCursor. due: open and due now or later; overdue: "
            + "open and its due time has passed; done: completed. A sales rep lists only their own (owner=me); "
            + "managers any rep's.")
    @APIResponse(responseCode = "200", description = "one page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FollowUpPage.class)))
    @APIResponse(responseCode = "400", description = "state, limit or cursor out of range, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "a sales rep asked for another owner's follow-ups",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<FollowUpPage> list(
            @QueryParam("owner") @DefaultValue("me") @Size(max = 255)
            @Parameter(description = "me (default) or a rep's username (managers only)") String owner,
            @QueryParam("state") @DefaultValue("due") @Size(max = 20)
            @Parameter(description = "due (default), overdue or done") String state,
            @QueryParam("cursor") @Size(max = 200) @Parameter(description = "nextCursor of the previous page") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) @Parameter(description = "page size, 1-200")
            int limit) {
        return followUps.list(owner, viewer(), FollowUpState.parse(state), FollowUpCursor.decode(cursor), limit)
                .map(FollowUpPage::of);
    }

    @GET
    @Path("/{followUpId}")
    @RolesAllowed({ "sales-rep", "sales-manager" })
    @Operation(operationId = "getFollowUp", summary = "One follow-up", description = "Where POST's Location points. A sales rep reads only their own.")
    @APIResponse(responseCode = "200", description = "the follow-up",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FollowUpView.class)))
    @APIResponse(responseCode = "404", description = "no such follow-up, or it is another rep's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<FollowUpView> get(
            @PathParam("followUpId") @Schema(type = SchemaType.STRING, format = "uuid") UUID followUpId) {
        return followUps.get(followUpId, viewer()).map(f -> FollowUpView.of(f, clock.instant()));
    }

    @POST
    @Path("/{followUpId}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "sales-rep", "sales-manager" })
    @Operation(operationId = "completeFollowUp", summary = "Complete a follow-up with its outcome", description = "Once: the outcome note is kept in "
            + "nurture only; follow-up.completed is published (ids, usernames and times). A sales rep completes only "
            + "their own.")
    @APIResponse(responseCode = "200", description = "completed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FollowUpView.class)))
    @APIResponse(responseCode = "400", description = "outcome missing or too long, in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such follow-up, or it is another rep's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "completed already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<FollowUpView> complete(
            @PathParam("followUpId") @Schema(type = SchemaType.STRING, format = "uuid") UUID followUpId,
            CompleteFollowUpRequest request) {
        return followUps.complete(followUpId, viewer(), request == null ? null : request.outcome())
                .map(f -> FollowUpView.of(f, clock.instant()));
    }

    private Viewer viewer() {
        return Viewer.of(identity.getPrincipal().getName(), identity::hasRole);
    }
}
