package io.leadstream.nurture.followups.rest;

import java.time.Clock;
import java.time.ZoneId;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.chassis.problem.Problem;
import io.leadstream.nurture.followups.DueTime;
import io.leadstream.nurture.followups.FollowUpService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Scheduling a follow-up on a lead. */
@Path("/api/leads/{leadId}/follow-ups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Follow-ups")
public class LeadFollowUpResource {

    /** The OIDC standard claim with the user's IANA time zone. */
    static final String ZONEINFO = "zoneinfo";

    private final FollowUpService followUps;
    private final SecurityIdentity identity;
    private final Clock clock;

    public LeadFollowUpResource(FollowUpService followUps, SecurityIdentity identity, Clock clock) {
        this.followUps = followUps;
        this.identity = identity;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "sales-rep", "sales-manager" })
    @Operation(operationId = "scheduleFollowUp", summary = "Schedule a follow-up on a lead", description = "Due at a local time in the rep's time zone "
            + "(timeZone, else the token's zoneinfo claim, else the service's default) or at an instant with an offset, "
            + "with a note (kept in nurture only). It belongs to the lead's owner; a manager may name another rep. A "
            + "sales rep schedules only on the leads they own. Its owner is emailed, and follow-up.due published, when "
            + "it comes due.")
    @APIResponse(responseCode = "201", description = "scheduled",
            headers = @Header(name = "Location", description = "the follow-up", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FollowUpView.class)))
    @APIResponse(responseCode = "400", description = "invalid fields, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "a sales rep named another owner",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "nurture does not know the lead (not assigned yet), or it is "
            + "another rep's", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> schedule(@PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId,
            ScheduleFollowUpRequest request, @Context UriInfo uri) {
        ScheduleFollowUpRequest body = request != null ? request : new ScheduleFollowUpRequest(null, null, null, null);
        return followUps.schedule(leadId, viewer(), body.toCommand(), callerZone())
                .map(f -> Response.created(uri.getBaseUriBuilder().path("api/follow-ups/{id}").build(f.id))
                        .entity(FollowUpView.of(f, clock.instant())).build());
    }

    private Viewer viewer() {
        return Viewer.of(identity.getPrincipal().getName(), identity::hasRole);
    }

    /** The caller's time zone from the token's zoneinfo claim; null without one (or when it names no zone). */
    private ZoneId callerZone() {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return null;
        }
        Object claim = token.getClaim(ZONEINFO);
        // a string claim, which may come as a JSON string value ("\"Europe/Berlin\"")
        return claim == null ? null : DueTime.zone(String.valueOf(claim).replace("\"", ""));
    }
}
