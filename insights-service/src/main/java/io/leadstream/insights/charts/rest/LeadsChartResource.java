package io.leadstream.insights.charts.rest;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.chassis.problem.Problem;
import io.leadstream.insights.charts.LeadsChart;
import io.leadstream.insights.charts.Svg;
import io.leadstream.insights.counts.LeadCounts;
import io.smallrye.mutiny.Uni;

/** Grouped lead counts as a picture: the same buckets, keys and problems as GET /api/insights/leads (LeadCounts). */
@Path("/api/insights/leads.svg")
@Tag(name = "Insights")
public class LeadsChartResource {

    private final LeadCounts counts;

    public LeadsChartResource(LeadCounts counts) {
        this.counts = counts;
    }

    @GET
    @Produces(Svg.MEDIA_TYPE)
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(operationId = "getLeadsChart", summary = "Leads per day, week, month or quarter, as a picture",
            description = "GET /api/insights/leads drawn as an 800×450 SVG to paste into a slide: a bar per bucket, "
                    + "as tall as the leads captured in it, on an axis of round values, bucket labels under the bars "
                    + "(thinned out when there are many), a title naming the period, the range and the grouping. "
                    + "With groupBy each bar is stacked per key, with a legend: up to nine keys, past that the eight "
                    + "with the most leads and the rest as one \"other\" (a lead with several products counts under "
                    + "each). No leads draws \"no leads\".")
    @APIResponse(responseCode = "200", description = "the counts, drawn",
            content = @Content(mediaType = Svg.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                    description = "an SVG document, 800×450")))
    @APIResponse(responseCode = "400", description = "groupBy, period, tz, from or to unreadable, from after to, or "
            + "more buckets than one answer holds", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    public Uni<String> leadsChart(
            @QueryParam("groupBy") @Parameter(description = "source, product, segment, country, campaign, rep, "
                    + "partner (the partner company the lead came from, else the one it was shared with), team (the "
                    + "team it was last routed to) or scoreBand (0-19 … 80-100, of its current score); default none")
            String groupBy,
            @QueryParam("period") @Parameter(description = "day (default), week, month or quarter") String period,
            @QueryParam("tz") @Parameter(description = "IANA time zone of the buckets (and of dates in from and to); "
                    + "default UTC") String tz,
            @QueryParam("from") @Parameter(description = "start (inclusive): an ISO date (the start of that day in tz) "
                    + "or an instant; default 30 days before to") String from,
            @QueryParam("to") @Parameter(description = "end (exclusive): an ISO date or an instant; default now")
            String to) {
        return counts.counts(from, to, period, tz, groupBy, Instant.now()).map(LeadsChart::draw);
    }
}
