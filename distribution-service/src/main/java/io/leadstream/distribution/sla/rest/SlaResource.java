package io.leadstream.distribution.sla.rest;

import java.time.Clock;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.chassis.problem.Problem;
import io.leadstream.distribution.sla.SlaClocks;
import io.leadstream.distribution.sla.SlaDocument;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/sla")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "SLA")
public class SlaResource {

    private final SlaClocks clocks;
    private final SecurityIdentity identity;
    private final Clock clock;

    public SlaResource(SlaClocks clocks, SecurityIdentity identity, Clock clock) {
        this.clocks = clocks;
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    @RolesAllowed("lead-admin")
    @Operation(operationId = "getSla", summary = "The SLAs in force",
            description = "First-touch and next-touch targets in business time per assignment rule, per pull queue and "
                    + "by default, with the breach steps (reminder at the breach, then escalation to the team's "
                    + "manager, then reassignment), the holidays and the office hours' time zone. Until an admin "
                    + "stores some: every assignment touched within 4 business hours, again within 16, escalated "
                    + "4 hours after a breach, never reassigned automatically.")
    @APIResponse(responseCode = "200", description = "the SLAs", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SlaDocument.class)))
    public Uni<SlaDocument> getSla() {
        return clocks.current();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("lead-admin")
    @Operation(operationId = "putSla", summary = "Replace the SLAs",
            description = "Validated as a whole: a 400 problem names every offending field (rules.hot-leads.firstTouch). "
                    + "Durations are business time in hours or minutes (4h, 90m, PT4H). In force for every "
                    + "assignment made after it; clocks already running keep the policy they started with.")
    @APIResponse(responseCode = "200", description = "stored and in force, as stored", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SlaDocument.class)))
    @APIResponse(responseCode = "400", description = "invalid settings, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SlaDocument> putSla(SlaDocument settings) {
        return clocks.store(settings, identity.getPrincipal().getName(), clock.instant());
    }
}
