package io.leadstream.insights.summary.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.chassis.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import jakarta.ws.rs.core.Response;
import io.leadstream.insights.csv.rest.CsvResponse;
import io.leadstream.insights.csv.Csv;
import io.leadstream.insights.summary.SummaryService;
import io.smallrye.mutiny.Uni;

@Path("/api/insights")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Insights")
public class SummaryResource {

    private final SummaryService summaries;

    public SummaryResource(SummaryService summaries) {
        this.summaries = summaries;
    }

    @GET
    @Path("/summary")
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(operationId = "getSummary", summary = "Headline figures for a period", description = "Leads captured in [from, to), how many of them "
            + "have been scored, assigned, qualified, won (became customers) and lost (unqualified, never customers), "
            + "the conversion rate (won / captured), the median speed-to-lead (capture to first assignment), and the "
            + "qualified leads per product and per segment. A manually merged lead counts once, an erased one stays "
            + "counted. Built from events, so a lead appears moments after it is captured. Also as CSV (Accept: "
            + "text/csv): the headline numbers in one row.")
    @APIResponse(responseCode = "200", description = "the figures", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SummaryView.class)),
            @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, description = "from,to,"
                    + "captured,scored,assigned,qualified,won,lost,conversionRate,medianSpeedToLeadSeconds")) })
    @APIResponse(responseCode = "400", description = "from or to unreadable, or from after to",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SummaryView> summary(
            @QueryParam("from") @Parameter(description = "start (inclusive): an ISO date such as 2026-11-01 (the start of "
                    + "that day, UTC) or an instant such as 2026-11-01T08:00:00Z; default 30 days before to") String from,
            @QueryParam("to") @Parameter(description = "end (exclusive): an ISO date or an instant, as from; default now") String to) {
        return summaries.summary(from, to).map(SummaryView::of);
    }

    /** The same as CSV, for a caller that asks for it (Csv.SERVED_TYPE: JSON is the default). */
    @GET
    @Path("/summary")
    @Produces(Csv.SERVED_TYPE)
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(operationId = "getSummary", hidden = true)
    public Uni<Response> summaryCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        return summary(from, to).map(SummaryView::csv).map(CsvResponse::of);
    }
}
