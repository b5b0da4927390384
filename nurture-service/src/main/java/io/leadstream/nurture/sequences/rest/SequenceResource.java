package io.leadstream.nurture.sequences.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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

import io.leadstream.chassis.problem.Problem;
import io.leadstream.nurture.sequences.SequenceService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/sequences")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sequences")
public class SequenceResource {

    private final SequenceService sequences;
    private final SecurityIdentity identity;

    public SequenceResource(SequenceService sequences, SecurityIdentity identity) {
        this.sequences = sequences;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ "sales-rep", "sales-manager", "lead-admin" })
    @Operation(operationId = "listSequences", summary = "Drip sequences", description = "Every sequence, by name: its steps, purpose, what enrols a "
            + "lead by itself and the stages that stop it.")
    @APIResponse(responseCode = "200", description = "the sequences",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SequenceList.class)))
    public Uni<SequenceList> list() {
        return sequences.list().map(all -> new SequenceList(all.stream().map(SequenceView::of).toList()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("lead-admin")
    @Operation(operationId = "createSequence", summary = "Create a drip sequence", description = "Steps (a delay in business days after the step "
            + "before, a channel and a template that exists in English) sent one after another to each enrolled lead, "
            + "each under the rules of any message: consent for the sequence's purpose on the step's channel, "
            + "do-not-contact, the frequency cap and the lead's quiet hours (a step held back by the last two goes "
            + "when they allow). A lead leaves the sequence when it replies (an inbound email, WhatsApp message or "
            + "SMS), enters one of stopOnStages, withdraws consent, or is erased. With enrolOnStage or "
            + "enrolOnQualified, the sequence enrols a lead by itself the first time it enters that stage or scoring "
            + "qualifies it. A sequence is not changed once created.")
    @APIResponse(responseCode = "201", description = "created",
            headers = @Header(name = "Location", description = "the sequence", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SequenceView.class)))
    @APIResponse(responseCode = "400", description = "invalid fields (steps[1].channel, …), listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "a sequence has this name already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(SequenceRequest request, @Context UriInfo uri) {
        SequenceRequest body = request != null ? request : new SequenceRequest(null, null, null, null, null, null);
        return sequences.create(body.toCommand(), identity.getPrincipal().getName())
                .map(s -> Response.created(uri.getBaseUriBuilder().path("api/sequences/{id}").build(s.id))
                        .entity(SequenceView.of(s)).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "sales-rep", "sales-manager", "lead-admin" })
    @Operation(operationId = "getSequence", summary = "One drip sequence")
    @APIResponse(responseCode = "200", description = "the sequence",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SequenceView.class)))
    @APIResponse(responseCode = "404", description = "no such sequence",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SequenceView> get(@PathParam("id") @Schema(type = SchemaType.STRING, format = "uuid") UUID id) {
        return sequences.get(id).map(SequenceView::of);
    }
}
