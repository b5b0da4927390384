package io.leadstream.nurture.timeline.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import io.leadstream.nurture.activities.ActivityCursor;
import io.leadstream.nurture.timeline.Timeline;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/leads/{leadId}/timeline")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Timeline")
public class TimelineResource {

    private final Timeline timeline;
    private final SecurityIdentity identity;

    public TimelineResource(Timeline timeline, SecurityIdentity identity) {
        this.timeline = timeline;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ "sales-rep", "sales-manager", "lead-admin" })
    @Operation(operationId = "getTimeline", summary = "A lead's whole chain of records, as it happened", description = "Its activities, stage "
            + "changes (with the movers' notes), and what nurture learned from the other services' events: each time "
            + "distribution queued, assigned, reassigned, shared or recalled the lead or its SLA was breached, and "
            + "each score it got. A merged lead's records are part of its survivor's. Newest first by default; paged "
            + "with limit and the previous page's nextCursor. A sales rep reads only the leads they own.")
    @APIResponse(responseCode = "200", description = "one page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TimelinePage.class)))
    @APIResponse(responseCode = "400", description = "limit, order or cursor out of range, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "nurture does not know the lead (not assigned yet), or it is "
            + "another rep's", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TimelinePage> timeline(
            @PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId,
            @QueryParam("order") @DefaultValue("newest") @Pattern(regexp = "newest|oldest",
                    message = "must be newest or oldest")
            @Parameter(description = "newest (default) or oldest first") String order,
            @QueryParam("cursor") @Size(max = 200) @Parameter(description = "nextCursor of the previous page, "
                    + "asked with the same order") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) @Parameter(description = "page size, 1-200")
            int limit) {
        Viewer viewer = Viewer.of(identity.getPrincipal().getName(), identity::hasRole);
        return timeline.page(leadId, viewer, !"oldest".equals(order), ActivityCursor.decode(cursor), limit)
                .map(TimelinePage::of);
    }
}
