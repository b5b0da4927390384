package io.leadstream.insights.counts.rest;

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
import io.leadstream.insights.counts.LeadCounts;
import io.leadstream.insights.csv.Csv;
import io.leadstream.insights.csv.rest.CsvResponse;
import io.smallrye.mutiny.Uni;

@Path("/api/insights/leads")
@Tag(name = "Insights")
public class LeadCountsResource {

    static final String CSV = Csv.MEDIA_TYPE;

    private final LeadCounts counts;

    public LeadCountsResource(LeadCounts counts) {
        this.counts = counts;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(operationId = "countLeads", summary = "Leads per day, week, month or quarter, optionally per source, product, segment, country, "
            + "campaign, rep, partner, team or score band", description = "The leads captured in [from, to) in each bucket of the "
            + "asker's time zone's calendar (every bucket, an empty one as zeros; days of a daylight-saving change last "
            + "23 or 25 hours), with how many of them have been qualified; a manually merged lead counts once, an "
            + "erased one stays counted. With groupBy, each bucket also per key (keys: every one seen in the range; "
            + "null for leads without a value; a lead with several products counts under each). Also as CSV "
            + "(Accept: text/csv).")
    @APIResponse(responseCode = "200", description = "the counts",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = LeadCountsView.class)),
                    @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = "bucket,from,"
                            + "to,key,leads,qualified: a row per bucket, or per bucket and key")) })
    @APIResponse(responseCode = "400", description = "groupBy, period, tz, from or to unreadable, from after to, or "
            + "more buckets than one answer holds", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    public Uni<LeadCountsView> counts(
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
        return counts.counts(from, to, period, tz, groupBy, Instant.now()).map(LeadCountsView::of);
    }

    @GET
    @Produces(Csv.SERVED_TYPE)
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(operationId = "countLeads", hidden = true)
    public Uni<Response> csv(@QueryParam("groupBy") String groupBy, @QueryParam("period") String period,
            @QueryParam("tz") String tz, @QueryParam("from") String from, @QueryParam("to") String to) {
        return counts(groupBy, period, tz, from, to).map(LeadCountsView::csv).map(CsvResponse::of);
    }
}
