package io.leadstream.insights.breakdowns.rest;

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
import io.leadstream.insights.breakdowns.Breakdowns;
import io.leadstream.insights.csv.Csv;
import io.leadstream.insights.csv.rest.CsvResponse;
import io.smallrye.mutiny.Uni;

@Path("/api/insights")
@Tag(name = "Insights")
public class BreakdownResource {

    static final String FROM = "start (inclusive): an ISO date (the start of that day, UTC) or an instant; default 30 "
            + "days before to";
    static final String TO = "end (exclusive): an ISO date or an instant; default now";

    private final Breakdowns breakdowns;

    public BreakdownResource(Breakdowns breakdowns) {
        this.breakdowns = breakdowns;
    }

    @GET
    @Path("/sources")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(operationId = "getSources", summary = "Leads, qualified and won per source and campaign", description = "For the leads captured in "
            + "[from, to), most leads first: how many, how many were qualified, won (became customers) and lost, and "
            + "the conversion rate. A manually merged lead counts once. Also as CSV (Accept: text/csv).")
    @APIResponse(responseCode = "200", description = "the sources", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SourcesView.class)),
            @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                    description = "source,campaign,leads,qualified,won,lost,conversionRate")) })
    @APIResponse(responseCode = "400", description = "from or to unreadable, or from after to",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SourcesView> sources(@QueryParam("from") @Parameter(description = FROM) String from,
            @QueryParam("to") @Parameter(description = TO) String to) {
        return breakdowns.bySource(from, to, Instant.now()).map(SourcesView::of);
    }

    @GET
    @Path("/sources")
    @Produces(Csv.SERVED_TYPE)
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(operationId = "getSources", hidden = true)
    public Uni<Response> sourcesCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        return sources(from, to).map(SourcesView::csv).map(CsvResponse::of);
    }

    @GET
    @Path("/scoring")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(operationId = "getScoringFigures", summary = "Conversion by score band: is the score predictive?", description = "For the leads captured "
            + "in [from, to), per band of their current score (0-19, 20-39, 40-59, 60-79, 80-100; every band, an empty "
            + "one as zeros) and for the leads never scored: how many, how many were qualified, won and lost, and the "
            + "conversion rate. A predictive score converts more in its higher bands. Also as CSV (Accept: text/csv).")
    @APIResponse(responseCode = "200", description = "the bands", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScoringView.class)),
            @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                    description = "band,leads,qualified,won,lost,conversionRate")) })
    @APIResponse(responseCode = "400", description = "from or to unreadable, or from after to",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ScoringView> scoring(@QueryParam("from") @Parameter(description = FROM) String from,
            @QueryParam("to") @Parameter(description = TO) String to) {
        return breakdowns.byScoreBand(from, to, Instant.now()).map(ScoringView::of);
    }

    @GET
    @Path("/scoring")
    @Produces(Csv.SERVED_TYPE)
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(operationId = "getScoringFigures", hidden = true)
    public Uni<Response> scoringCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        return scoring(from, to).map(ScoringView::csv).map(CsvResponse::of);
    }
}
