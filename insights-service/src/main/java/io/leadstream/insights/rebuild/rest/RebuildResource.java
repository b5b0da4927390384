package io.leadstream.insights.rebuild.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.chassis.problem.Problem;
import io.leadstream.insights.rebuild.RebuildService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/insights/rebuild")
@Tag(name = "Insights")
public class RebuildResource {

    private final RebuildService rebuilds;
    private final SecurityIdentity identity;

    public RebuildResource(RebuildService rebuilds, SecurityIdentity identity) {
        this.rebuilds = rebuilds;
        this.identity = identity;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("lead-admin")
    @Operation(operationId = "startRebuild", summary = "Rebuild the read models from the topics",
            description = "Reads every topic insights consumes from its beginning, with a consumer group of its own, "
                    + "into fresh tables, while the current figures keep answering; once the fresh tables have caught "
                    + "up they replace the old ones, then what arrived meanwhile is applied. Runs in the background: "
                    + "follow it at GET /api/insights/rebuild. One at a time.")
    @APIResponse(responseCode = "202", description = "started",
            headers = @Header(name = "Location", description = "/api/insights/rebuild",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RebuildView.class)))
    @APIResponse(responseCode = "409", description = "a rebuild is running (type …/rebuild-running)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> start() {
        return rebuilds.start(identity.getPrincipal().getName()).map(rebuild -> Response
                .accepted(RebuildView.of(rebuild)).location(URI.create("/api/insights/rebuild")).build());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("lead-admin")
    @Operation(operationId = "getRebuild", summary = "The latest rebuild and how far it has got")
    @APIResponse(responseCode = "200", description = "the latest rebuild",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RebuildView.class)))
    @APIResponse(responseCode = "404", description = "none has been started",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RebuildView> latest() {
        return rebuilds.latest().map(RebuildView::of);
    }
}
