package io.leadstream.nurture.sequences.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.chassis.problem.Problem;
import io.leadstream.nurture.sequences.SequenceService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/leads/{leadId}/enrolments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sequences")
public class EnrolmentResource {

    private final SequenceService sequences;
    private final SecurityIdentity identity;

    public EnrolmentResource(SequenceService sequences, SecurityIdentity identity) {
        this.sequences = sequences;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "sales-rep", "sales-manager" })
    @Operation(operationId = "enrolLead", summary = "Enrol a lead in a drip sequence", description = "The first step is due its delay after "
            + "now (0: within a minute, when the sequence runner next passes). A sales rep enrols only the leads they "
            + "own.")
    @APIResponse(responseCode = "201", description = "enrolled",
            headers = @Header(name = "Location", description = "the enrolment", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnrolmentView.class)))
    @APIResponse(responseCode = "400", description = "sequenceId missing or no such sequence, in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "nurture does not know the lead (not assigned yet), or it is "
            + "another rep's", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "the lead is in the sequence already (already-enrolled), or in a "
            + "stage that stops it (sequence-stopped-by-stage)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> enrol(@PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId,
            EnrolRequest request, @Context UriInfo uri) {
        return sequences.enrol(leadId, request == null ? null : request.sequenceId(), viewer())
                .map(e -> Response.created(uri.getBaseUriBuilder().path("api/leads/{leadId}/enrolments/{id}")
                        .build(leadId, e.id)).entity(EnrolmentView.of(e)).build());
    }

    @GET
    @RolesAllowed({ "sales-rep", "sales-manager" })
    @Operation(operationId = "listEnrolments", summary = "A lead's drip sequence enrolments", description = "Newest first, active and ended. A sales "
            + "rep reads only the leads they own.")
    @APIResponse(responseCode = "200", description = "the enrolments",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnrolmentList.class)))
    @APIResponse(responseCode = "404", description = "nurture does not know the lead, or it is another rep's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<EnrolmentList> list(@PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId) {
        return sequences.enrolments(leadId, viewer())
                .map(all -> new EnrolmentList(all.stream().map(EnrolmentView::of).toList()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "sales-rep", "sales-manager" })
    @Operation(operationId = "getEnrolment", summary = "One enrolment", description = "Where POST's Location points.")
    @APIResponse(responseCode = "200", description = "the enrolment",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnrolmentView.class)))
    @APIResponse(responseCode = "404", description = "no such enrolment of this lead, or the lead is another rep's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<EnrolmentView> get(@PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId,
            @PathParam("id") @Schema(type = SchemaType.STRING, format = "uuid") UUID id) {
        return sequences.enrolment(leadId, id, viewer()).map(EnrolmentView::of);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({ "sales-rep", "sales-manager" })
    @Operation(operationId = "stopEnrolment", summary = "Take a lead out of a drip sequence", description = "No further step is sent (stopReason "
            + "stopped). An enrolment that already ended stays as it ended; the answer is the same.")
    @APIResponse(responseCode = "204", description = "stopped (or already ended)")
    @APIResponse(responseCode = "404", description = "no such enrolment of this lead, or the lead is another rep's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> stop(@PathParam("leadId") @Schema(type = SchemaType.STRING, format = "uuid") UUID leadId,
            @PathParam("id") @Schema(type = SchemaType.STRING, format = "uuid") UUID id) {
        return sequences.stop(leadId, id, viewer()).map(e -> Response.noContent().build());
    }

    private Viewer viewer() {
        return Viewer.of(identity.getPrincipal().getName(), identity::hasRole);
    }
}
