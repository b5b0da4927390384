package io.leadstream.capture.consent.rest;

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
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import io.leadstream.capture.access.rest.Viewers;
import io.leadstream.capture.consent.ConsentService;
import io.leadstream.chassis.problem.Problem;
import io.smallrye.mutiny.Uni;

/** A lead's append-only consent ledger. */
@Path("/api/leads/{id}/consents")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ "integration", "sales-rep", "sales-manager", "lead-admin" })
@Tag(name = "Consents")
@APIResponse(responseCode = "404", description = "no such lead, or (for a sales rep) not one assigned to them",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ConsentResource {

    private final ConsentService service;

    public ConsentResource(ConsentService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    // consent-writer: nurture's service account, which records the withdrawals of its unsubscribe links
    @RolesAllowed({ "integration", "sales-rep", "sales-manager", "lead-admin", "consent-writer" })
    @Operation(operationId = "recordConsent", summary = "Record a grant or a withdrawal", description = "Appends an entry to the lead's consent "
            + "ledger (nothing is ever changed or deleted) and announces consent.changed, without the proof's "
            + "address or IP address. Withdrawing is the same call with status WITHDRAWN.")
    @APIResponse(responseCode = "201", description = "recorded: the ledger entry",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConsentEntryView.class)))
    @APIResponse(responseCode = "400", description = "invalid fields, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ConsentEntryView> record(@PathParam("id") @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
            @Valid @NotNull RecordConsentRequest request, @Context SecurityContext caller) {
        return service.record(id, request.toCommand(), Viewers.of(caller)).map(ConsentEntryView::of);
    }

    @GET
    @Operation(operationId = "getConsents", summary = "Read a lead's consents", description = "The current state per purpose and channel "
            + "(the latest entry wins) and the whole history, oldest first. A lead that leads were merged into "
            + "(POST /api/leads/{id}/merge) shows their entries too, each with its own leadId.")
    @APIResponse(responseCode = "200", description = "the ledger",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ConsentLedgerView.class)))
    public Uni<ConsentLedgerView> ledger(@PathParam("id") @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
            @Context SecurityContext caller) {
        return service.ledger(id, Viewers.of(caller)).map(ConsentLedgerView::of);
    }
}
