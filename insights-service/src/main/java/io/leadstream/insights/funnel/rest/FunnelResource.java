package io.leadstream.insights.funnel.rest;

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
import io.leadstream.insights.funnel.FunnelService;
import io.smallrye.mutiny.Uni;

@Path("/api/insights/funnel")
@Tag(name = "Insights")
public class FunnelResource {

    static final String CSV = Csv.MEDIA_TYPE;

    private final FunnelService funnels;

    public FunnelResource(FunnelService funnels) {
        this.funnels = funnels;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(operationId = "getFunnel", summary = "The funnel of a creation cohort", description = "Of the leads captured in [from, to) "
            + "(optionally of one product, segment and source; a manually merged lead counted once, as its survivor; "
            + "an erased one counted): how many reached each stage of the main path OPEN → CONTACTED → NURTURING → "
            + "QUALIFIED → NEGOTIATION → CUSTOMER (a lead that reached a later stage counts as having reached the "
            + "earlier ones, even if it skipped a step), how many ended UNQUALIFIED and INACTIVE, each stage's "
            + "conversion to the next and the overall conversion (CUSTOMER / cohort). Also as CSV (Accept: text/csv).")
    @APIResponse(responseCode = "200", description = "the funnel",
            content = { @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FunnelView.class)),
                    @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING, description = "stage,leads,"
                            + "conversion: COHORT (the cohort, overall conversion), each stage OPEN to CUSTOMER "
                            + "(reached, conversion to the next), UNQUALIFIED and INACTIVE (ended there)")) })
    @APIResponse(responseCode = "400", description = "from or to unreadable, or from after to",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<FunnelView> funnel(
            @QueryParam("from") @Parameter(description = "cohort start (inclusive): an ISO date (the start of that "
                    + "day, UTC) or an instant; default 30 days before to") String from,
            @QueryParam("to") @Parameter(description = "cohort end (exclusive): an ISO date or an instant; default "
                    + "now") String to,
            @QueryParam("product") @Parameter(description = "only leads with this product; default any") String product,
            @QueryParam("segment") @Parameter(description = "only leads of this segment; default any") String segment,
            @QueryParam("source") @Parameter(description = "only leads of this source; default any") String source) {
        return funnels.funnel(from, to, product, segment, source, Instant.now()).map(FunnelView::of);
    }

    /** The same as CSV, for a caller that asks for it (Csv.SERVED_TYPE: JSON is the default). */
    @GET
    @Produces(Csv.SERVED_TYPE)
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(operationId = "getFunnel", hidden = true)
    public Uni<Response> funnelCsv(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("product") String product, @QueryParam("segment") String segment,
            @QueryParam("source") String source) {
        return funnel(from, to, product, segment, source).map(FunnelView::csv).map(CsvResponse::of);
    }
}
