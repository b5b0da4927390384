package io.leadstream.insights.reps.rest;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.chassis.problem.Problem;
import io.leadstream.insights.csv.Csv;
import io.leadstream.insights.csv.rest.CsvResponse;
import io.leadstream.insights.reps.RepFiguresService;
import io.smallrye.mutiny.Uni;

@Path("/api/insights/reps")
@Tag(name = "Insights")
public class RepsResource {

    private final RepFiguresService figures;

    public RepsResource(RepFiguresService figures) {
        this.figures = figures;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(operationId = "getRepFigures", summary = "Each rep's assigned, contacted, speed to first touch, SLA hit rate and won leads",
            description = "For the leads captured in [from, to), per rep who owns them now (a reassigned lead counts "
                    + "for its new owner): how many, how many were contacted, the median time from first assignment "
                    + "to the first call, email, message or meeting, the share whose first-touch and next-touch "
                    + "targets were never missed, and how many were won. A manually merged lead counts once. Also as "
                    + "CSV (Accept: text/csv).")
    @APIResponse(responseCode = "200", description = "the reps, by username", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RepsView.class)),
            @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                    description = "repId,assigned,contacted,medianSecondsToFirstTouch,slaHitRate,won")) })
    @APIResponse(responseCode = "400", description = "from or to unreadable, or from after to",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RepsView> reps(@QueryParam("from") @Parameter(description = "start (inclusive): an ISO date (the "
            + "start of that day, UTC) or an instant; default 30 days before to") String from,
            @QueryParam("to") @Parameter(description = "end (exclusive): an ISO date or an instant; default now")
            String to) {
        return figures.figures(from, to, Instant.now()).map(RepsView::of);
    }

    @GET
    @Produces(Csv.SERVED_TYPE)
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(operationId = "getRepFigures", hidden = true)
    public Uni<Response> csv(@QueryParam("from") String from, @QueryParam("to") String to) {
        return reps(from, to).map(RepsView::csv).map(CsvResponse::of);
    }
}
