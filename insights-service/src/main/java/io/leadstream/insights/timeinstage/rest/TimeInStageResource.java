package io.leadstream.insights.timeinstage.rest;

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
import io.leadstream.insights.timeinstage.TimeInStageService;
import io.smallrye.mutiny.Uni;

@Path("/api/insights/time-in-stage")
@Tag(name = "Insights")
public class TimeInStageResource {

    static final String CSV = Csv.MEDIA_TYPE;

    private final TimeInStageService times;

    public TimeInStageResource(TimeInStageService times) {
        this.times = times;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(operationId = "getTimeInStage", summary = "Median and 90th-percentile time in each stage", description = "Over the stage entries "
            + "whose entering is in [from, to): per stage, how long leads stayed in it, from entering it to entering "
            + "their next stage (each lead's stages ordered by time), in whole seconds, and how many stays that is. A "
            + "stage a lead is still in is not counted; a manually merged lead is left out, an erased one counted. "
            + "Also as CSV (Accept: text/csv).")
    @APIResponse(responseCode = "200", description = "the times",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TimeInStageView.class)),
                    @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = "stage,"
                            + "durations,medianSeconds,p90Seconds: a row per stage")) })
    @APIResponse(responseCode = "400", description = "tz, from or to unreadable, or from after to",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<TimeInStageView> timeInStage(
            @QueryParam("from") @Parameter(description = "start (inclusive): an ISO date (the start of that day in tz) "
                    + "or an instant; default 30 days before to") String from,
            @QueryParam("to") @Parameter(description = "end (exclusive): an ISO date or an instant; default now")
            String to,
            @QueryParam("tz") @Parameter(description = "IANA time zone of dates in from and to; default UTC")
            String tz) {
        return times.timeInStage(from, to, tz, Instant.now()).map(TimeInStageView::of);
    }

    /** The same as CSV, for a caller that asks for it (Csv.SERVED_TYPE: JSON is the default). */
    @GET
    @Produces(Csv.SERVED_TYPE)
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(operationId = "getTimeInStage", hidden = true)
    public Uni<Response> timeInStageCsv(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("tz") String tz) {
        return timeInStage(from, to, tz).map(TimeInStageView::csv).map(CsvResponse::of);
    }
}
