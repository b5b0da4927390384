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
import io.leadstream.insights.charts.FunnelChart;
import io.leadstream.insights.charts.Svg;
import io.leadstream.insights.funnel.FunnelService;
import io.smallrye.mutiny.Uni;

/** The funnel as a picture: the same cohort, filters and problems as GET /api/insights/funnel (FunnelService). */
@Path("/api/insights/funnel.svg")
@Tag(name = "Insights")
public class FunnelChartResource {

    private final FunnelService funnels;

    public FunnelChartResource(FunnelService funnels) {
        this.funnels = funnels;
    }

    @GET
    @Produces(Svg.MEDIA_TYPE)
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(operationId = "getFunnelChart", summary = "The funnel of a creation cohort, as a picture",
            description = "GET /api/insights/funnel drawn as an 800×450 SVG to paste into a slide: a horizontal bar "
                    + "per stage of the main path, OPEN to CUSTOMER, as wide as the leads that reached it, labelled "
                    + "with the stage, that number and the conversion to the next stage; a title naming the cohort's "
                    + "range and filters; the leads that ended UNQUALIFIED and INACTIVE as a footnote. An empty "
                    + "cohort draws \"no leads\".")
    @APIResponse(responseCode = "200", description = "the funnel, drawn",
            content = @Content(mediaType = Svg.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                    description = "an SVG document, 800×450")))
    @APIResponse(responseCode = "400", description = "from or to unreadable, or from after to",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<String> funnelChart(
            @QueryParam("from") @Parameter(description = "cohort start (inclusive): an ISO date (the start of that "
                    + "day, UTC) or an instant; default 30 days before to") String from,
            @QueryParam("to") @Parameter(description = "cohort end (exclusive): an ISO date or an instant; default "
                    + "now") String to,
            @QueryParam("product") @Parameter(description = "only leads with this product; default any") String product,
            @QueryParam("segment") @Parameter(description = "only leads of this segment; default any") String segment,
            @QueryParam("source") @Parameter(description = "only leads of this source; default any") String source) {
        return funnels.funnel(from, to, product, segment, source, Instant.now()).map(FunnelChart::draw);
    }
}
