package io.leadstream.capture.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.leadstream.capture.service.CaptureService;
import io.leadstream.chassis.problem.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/leads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Leads")
@APIResponse(responseCode = "401", description = "no valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "the token's roles do not allow this",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class LeadResource {

    private final CaptureService service;

    public LeadResource(CaptureService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "integration", "sales-rep", "sales-manager", "lead-admin" })
    @Operation(summary = "Capture a lead", description = "Validates and normalises the contact data (email lower-cased, "
            + "phone to E.164), stores the lead and announces lead.captured (without personal data).")
    @APIResponse(responseCode = "201", description = "created; Location names the lead",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class)))
    @APIResponse(responseCode = "400", description = "invalid fields, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<LeadView>> capture(@Valid @NotNull CaptureLeadRequest request, @Context UriInfo uri) {
        return service.capture(request).map(lead -> {
            URI location = uri.getBaseUriBuilder().path("api/leads").path(lead.id().toString()).build();
            return RestResponse.ResponseBuilder.<LeadView>created(location).entity(lead).build();
        });
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "integration", "sales-manager", "lead-admin" })
    @Operation(summary = "Read a lead", description = "Sales reps cannot read leads here yet: rep visibility follows "
            + "assignments and arrives with the capture-service issue.")
    @APIResponse(responseCode = "200", description = "the lead",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class)))
    @APIResponse(responseCode = "404", description = "no such lead",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<LeadView> get(@PathParam("id") @Schema(type = SchemaType.STRING, format = "uuid") UUID id) {
        return service.find(id);
    }
}
