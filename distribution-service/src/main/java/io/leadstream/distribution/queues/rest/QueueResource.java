package io.leadstream.distribution.queues.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.leadstream.chassis.problem.Problem;
import io.leadstream.distribution.queues.QueueClaims;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/queues")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Queues")
public class QueueResource {

    static final String QUEUE = "^[a-z0-9][a-z0-9._-]{0,63}$";

    private final QueueClaims queues;
    private final SecurityIdentity identity;

    public QueueResource(QueueClaims queues, SecurityIdentity identity) {
        this.queues = queues;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ "sales-rep", "sales-manager", "lead-admin" })
    @Operation(operationId = "listQueues", summary = "The pull queues",
            description = "Every queue a rule in force sends leads to or that holds leads, with how many wait, the "
                    + "oldest and the best score.")
    @APIResponse(responseCode = "200", description = "the queues", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = QueueViews.SummaryView.class)))
    public Uni<List<QueueViews.SummaryView>> listQueues() {
        return queues.list().map(all -> all.stream().map(QueueViews.SummaryView::of).toList());
    }

    @GET
    @Path("/{queue}")
    @RolesAllowed({ "sales-rep", "sales-manager", "lead-admin" })
    @Operation(operationId = "getQueue", summary = "What waits in a queue, best first",
            description = "Highest score first, then the longest waiting: the order claims take them in.")
    @APIResponse(responseCode = "200", description = "the waiting leads",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueueViews.QueueView.class)))
    @APIResponse(responseCode = "400", description = "offset or limit out of range, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no rule names this queue and no lead waits in it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<QueueViews.QueueView> getQueue(@PathParam("queue") String queue,
            @QueryParam("offset") @DefaultValue("0") @Min(0) @Max(100000) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return queues.show(queue, offset, limit).map(leads -> new QueueViews.QueueView(queue,
                leads.stream().map(QueueViews.QueuedView::of).toList()));
    }

    @POST
    @Path("/{queue}/claim")
    @RolesAllowed("sales-rep")
    @Operation(operationId = "claimFromQueue", summary = "Take the best lead of the queue you may take",
            description = "Atomically: the highest-scored (then longest-waiting) lead whose product, segment, country "
                    + "and language you cover becomes yours; no two reps ever get the same lead. Announced as "
                    + "lead.claimed. 204 when nothing you may take waits.")
    @APIResponse(responseCode = "200", description = "the lead is yours",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueueViews.ClaimView.class)))
    @APIResponse(responseCode = "204", description = "nothing you may take waits in the queue")
    @APIResponse(responseCode = "400", description = "not a queue name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "you are not an active rep, are at capacity, or have claimed "
            + "your daily number of leads", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<QueueViews.ClaimView>> claimFromQueue(
            @PathParam("queue") @Pattern(regexp = QUEUE, message = "must be a queue name") String queue) {
        return queues.claim(queue, identity.getPrincipal().getName()).map(claimed -> claimed
                .map(a -> RestResponse.ok(QueueViews.ClaimView.of(a, queue)))
                .orElseGet(RestResponse::noContent));
    }
}
