package io.leadstream.capture.channels.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.capture.access.rest.Viewers;
import io.leadstream.capture.channels.CallLog;
import io.leadstream.capture.channels.InboundContacts;
import io.leadstream.capture.idempotency.Idempotency;
import io.leadstream.capture.idempotency.IdempotencyKey;
import io.leadstream.capture.idempotency.Reply;
import io.leadstream.capture.idempotency.rest.Replies;
import io.leadstream.capture.leads.rest.LeadResource;
import io.leadstream.chassis.problem.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/calls")
@Tag(name = "Calls")
public class CallResource {

    private final CallLog calls;
    private final Replies replies;

    public CallResource(CallLog calls, Replies replies) {
        this.calls = calls;
        this.replies = replies;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "integration", "sales-rep", "sales-manager" })
    @Operation(summary = "Log a phone call", description = "When the phone (E.164; a national number with country) "
            + "belongs to a lead, the call is an inquiry on it: 200, outcome INQUIRY. Otherwise the call's contact "
            + "fields become a lead with source call (firstName and lastName then required): 201, outcome CREATED, "
            + "or 200, outcome MERGED when de-duplication merged it into a lead with the same email. Either way "
            + "lead.inquired announces the call (direction, duration, outcome, summary length; never the summary or "
            + "the phone). A callId received before is answered with what it did then (duplicate true). "
            + "Idempotency-Key honoured as on POST /api/leads.")
    @APIResponse(responseCode = "201", description = "a new lead; Location names it",
            headers = {
                    @Header(name = "Location", description = "the lead's URL", schema = @Schema(type = SchemaType.STRING, format = "uri")),
                    @Header(name = Idempotency.REPLAYED_HEADER, description = "true when this is the stored response "
                            + "to an earlier request with the same Idempotency-Key", schema = @Schema(type = SchemaType.BOOLEAN)) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InquiryView.class)))
    @APIResponse(responseCode = "200", description = "logged on an existing lead (INQUIRY, MERGED) or received before; "
            + "Location names the lead",
            headers = {
                    @Header(name = "Location", description = "the lead's URL", schema = @Schema(type = SchemaType.STRING, format = "uri")),
                    @Header(name = Idempotency.REPLAYED_HEADER, description = "true when this is the stored response "
                            + "to an earlier request with the same Idempotency-Key", schema = @Schema(type = SchemaType.BOOLEAN)) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InquiryView.class)))
    @APIResponse(responseCode = "400", description = "invalid fields, listed in errors[], or a malformed Idempotency-Key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "a request with this Idempotency-Key is still in flight "
            + "(type .../idempotency-key-in-flight); retry after Retry-After seconds",
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "this Idempotency-Key was used with a different body "
            + "(type .../idempotency-key-reused)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> logCall(@Valid @NotNull CallRequest call,
            @HeaderParam(IdempotencyKey.HEADER) @Parameter(description = "makes retries safe: the same key with the "
                    + "same body within 24 h is answered with the first response",
                    schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = IdempotencyKey.MAX_LENGTH,
                            pattern = "^[!-~]+$")) String idempotencyKey,
            @Context UriInfo uri, @Context SecurityContext security) {
        IdempotencyKey key = IdempotencyKey.parse(security.getUserPrincipal(), idempotencyKey);
        Viewer caller = Viewers.of(security);
        return replies.once(key, CallLog.OPERATION, call, uri.getPath(),
                claim -> calls.log(call.toCall(), caller,
                        logged -> replies.keep(claim, answer(logged, uri.getBaseUri()))))
                .map(Replies::toResponse);
    }

    /**
     * 201 for a new lead, else 200, with Location and leadId naming the lead; to a caller who may not see that lead
     * (a rep it is not assigned to) neither: only that the call was recorded.
     */
    private Reply answer(CallLog.Logged logged, URI base) {
        InboundContacts.Recorded recorded = logged.recorded();
        int status = recorded.outcome() == InboundContacts.Outcome.CREATED && recorded.fresh() ? 201 : 200;
        return logged.visible()
                ? replies.json(status, LeadResource.location(base, recorded.leadId()), InquiryView.of(recorded),
                        recorded.leadId())
                : replies.json(status, null, InquiryView.withoutLead(recorded), recorded.leadId());
    }
}
