package io.leadstream.nurture.activities.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.chassis.problem.Problem;
import io.leadstream.nurture.activities.ActivityCursor;
import io.leadstream.nurture.activities.ActivityService;
import io.leadstream.nurture.activities.ActivitySource;
import io.leadstream.nurture.activities.IdempotencyKey;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/leads/{leadId}/activities")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Activities")
public class ActivityResource {

    static final String REPLAYED_HEADER = "Idempotency-Replayed";

    private final ActivityService activities;
    private final SecurityIdentity identity;

    public ActivityResource(ActivityService activities, SecurityIdentity identity) {
        this.activities = activities;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "sales-rep", "sales-manager", "integration" })
    @Operation(operationId = "logActivity", summary = "Log an activity on a lead", description = "A call (direction, duration, outcome), an email, "
            + "WhatsApp message or SMS (direction; subject and text kept in nurture only), a meeting (duration, "
            + "outcome), a note (text) or a document (metadata and SHA-256 only: the file is never uploaded). Announced "
            + "as activity.logged, which carries no text, subject or file name. A sales rep logs only on the leads "
            + "they own. With an Idempotency-Key the same request logs once and a repeat answers the same activity.")
    @APIResponse(responseCode = "201", description = "logged (or, with Idempotency-Replayed, logged before by a "
            + "request with the same Idempotency-Key)",
            headers = { @Header(name = "Location", description = "the activity", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = REPLAYED_HEADER, description = "true when an earlier request with the same "
                            + "Idempotency-Key logged it", schema = @Schema(type = SchemaType.BOOLEAN)) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "400", description = "invalid fields, listed in errors[], or a malformed Idempotency-Key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "nurture does not know the lead (not assigned yet), or it is "
            + "another rep's", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "this Idempotency-Key was used with a different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> log(@PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId,
            @HeaderParam(IdempotencyKey.HEADER) @Parameter(description = "optional; the same key and request log once")
            String idempotencyKey,
            LogActivityRequest request, @Context UriInfo uri) {
        String caller = identity.getPrincipal().getName();
        IdempotencyKey key = IdempotencyKey.parse(caller, idempotencyKey);
        LogActivityRequest body = request != null ? request
                : new LogActivityRequest(null, null, null, null, null, null, null, null, null);
        ActivitySource source = identity.hasRole("integration") ? ActivitySource.INTEGRATION : ActivitySource.REP;
        return activities.log(leadId, viewer(), source, body.toCommand(), key).map(logged -> {
            Response.ResponseBuilder response = Response.created(uri.getBaseUriBuilder()
                    .path("api/leads/{leadId}/activities/{activityId}").build(leadId, logged.activity().id))
                    .entity(ActivityView.of(logged.activity()));
            if (logged.replayed()) {
                response.header(REPLAYED_HEADER, "true");
            }
            return response.build();
        });
    }

    @GET
    @RolesAllowed({ "sales-rep", "sales-manager", "integration" })
    @Operation(operationId = "listActivities", summary = "A lead's activities, newest first", description = "Paged with limit and the previous page's "
            + "nextCursor. A sales rep reads only the leads they own. The timeline (GET /api/leads/{leadId}/timeline, "
            + "to come) adds stage changes, messages, follow-ups, assignments and scores beside it.")
    @APIResponse(responseCode = "200", description = "one page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityPage.class)))
    @APIResponse(responseCode = "400", description = "limit or cursor out of range, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "nurture does not know the lead (not assigned yet), or it is "
            + "another rep's", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ActivityPage> list(@PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId,
            @QueryParam("cursor") @Size(max = 200) @Parameter(description = "nextCursor of the previous page") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) @Parameter(description = "page size, 1-200")
            int limit) {
        return activities.list(leadId, viewer(), ActivityCursor.decode(cursor), limit).map(ActivityPage::of);
    }

    @GET
    @Path("/{activityId}")
    @RolesAllowed({ "sales-rep", "sales-manager", "integration" })
    @Operation(operationId = "getActivity", summary = "One activity of a lead", description = "Where POST's Location points. A sales rep reads only "
            + "the leads they own.")
    @APIResponse(responseCode = "200", description = "the activity",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "404", description = "no such activity on this lead, the lead is unknown, or it is "
            + "another rep's", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ActivityView> get(@PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId,
            @PathParam("activityId") @Schema(type = SchemaType.STRING, format = "uuid") UUID activityId) {
        return activities.get(leadId, activityId, viewer()).map(ActivityView::of);
    }

    private Viewer viewer() {
        return Viewer.of(identity.getPrincipal().getName(), identity::hasRole);
    }
}
