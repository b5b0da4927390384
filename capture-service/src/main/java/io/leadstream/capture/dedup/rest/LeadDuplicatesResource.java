package io.leadstream.capture.dedup.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.capture.dedup.DuplicatesReport;
import io.leadstream.chassis.problem.Problem;
import io.smallrye.mutiny.Uni;

/** A lead's suspected duplicates and merge history, for managers. */
@Path("/api/leads/{id}/duplicates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Leads")
public class LeadDuplicatesResource {

    private final DuplicatesReport report;

    public LeadDuplicatesResource(DuplicatesReport report) {
        this.report = report;
    }

    @GET
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(operationId = "listDuplicates", summary = "Suspected duplicates and merge history", description = "Other leads, not merged away, that "
            + "share this lead's normalised email or E.164 phone or have a similar name at the same company "
            + "(both computed now), and pairs flagged when a lead was captured, each with matchedOn, the name "
            + "similarity for NAME_AND_COMPANY and a detail; and the merges into this lead and into the leads merged "
            + "into it: submissions and manual merges (without their data: only which blank fields they filled).")
    @APIResponse(responseCode = "200", description = "suspected duplicates and merge history",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadDuplicatesView.class)))
    @APIResponse(responseCode = "404", description = "no such lead",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<LeadDuplicatesView> duplicates(@PathParam("id") @Schema(type = SchemaType.STRING, format = "uuid") UUID id) {
        return report.of(id).map(LeadDuplicatesView::of);
    }
}
