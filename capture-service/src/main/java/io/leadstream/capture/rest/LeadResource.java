package io.leadstream.capture.rest;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.leadstream.capture.repository.LeadSearch;
import io.leadstream.capture.service.CaptureService;
import io.leadstream.capture.service.Idempotency;
import io.leadstream.capture.service.IdempotencyKey;
import io.leadstream.chassis.problem.Problem;
import io.leadstream.chassis.problem.ProblemException;
import io.smallrye.mutiny.Uni;

@Path("/api/leads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Leads")
public class LeadResource {

    private final CaptureService service;

    public LeadResource(CaptureService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "integration", "sales-rep", "sales-manager", "lead-admin" })
    @Operation(summary = "Capture a lead", description = "Validates and normalises the contact data (email lower-cased, "
            + "phone to E.164), stores the lead and announces lead.captured (without personal data). With an "
            + "Idempotency-Key the request is performed once per key for 24 h: a repeat with the same body gets the "
            + "first response again (status, Location and body, marked Idempotency-Replayed: true), including a 400; "
            + "a repeat while the first is still running waits up to 5 s for it. De-duplication: when a lead with the "
            + "same normalised email or phone exists, the source's policy decides: merge (default; no new lead, the "
            + "existing lead's blank email, phone, company and country are filled, 200 with duplicateOf, "
            + "lead.merged instead of lead.captured), flag (201, the pair is listed under /duplicates) or create (201).")
    @APIResponse(responseCode = "201", description = "created; Location names the lead",
            headers = {
                    @Header(name = "Location", description = "the lead's URL", schema = @Schema(type = SchemaType.STRING, format = "uri")),
                    @Header(name = Idempotency.REPLAYED_HEADER, description = "true when this is the stored response "
                            + "to an earlier request with the same Idempotency-Key", schema = @Schema(type = SchemaType.BOOLEAN)) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class)))
    @APIResponse(responseCode = "200", description = "merged into an existing lead with the same email or phone: the "
            + "body is that lead (after filling its blanks) with duplicateOf = its id; Location names it",
            headers = {
                    @Header(name = "Location", description = "the existing lead's URL", schema = @Schema(type = SchemaType.STRING, format = "uri")),
                    @Header(name = Idempotency.REPLAYED_HEADER, description = "true when this is the stored response "
                            + "to an earlier request with the same Idempotency-Key", schema = @Schema(type = SchemaType.BOOLEAN)) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class)))
    @APIResponse(responseCode = "400", description = "invalid fields, listed in errors[], or a malformed Idempotency-Key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "a request with this Idempotency-Key is still in flight after the "
            + "wait (type .../idempotency-key-in-flight); retry after Retry-After seconds",
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "this Idempotency-Key was used with a different body "
            + "(type .../idempotency-key-reused)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> capture(@NotNull CaptureLeadRequest request,
            @HeaderParam(IdempotencyKey.HEADER) @Parameter(description = "makes retries safe: the same key with the same "
                    + "body within 24 h is answered with the first response instead of creating another lead",
                    schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = IdempotencyKey.MAX_LENGTH,
                            pattern = "^[!-~]+$", examples = "6f1c8a52-3d3b-4f0e-9a57-2a5c0b8e1d11")) String idempotencyKey,
            @Context UriInfo uri, @Context SecurityContext security) {
        IdempotencyKey key = IdempotencyKey.parse(security.getUserPrincipal(), idempotencyKey);
        URI leads = uri.getBaseUriBuilder().path("api/leads").build();
        return service.capture(request, key, uri.getPath(), id -> UriBuilder.fromUri(leads).path(id.toString()).build(),
                security.getUserPrincipal().getName())
                .map(Replies::toResponse);
    }

    @GET
    @RolesAllowed({ "integration", "sales-manager", "lead-admin" })
    @Operation(summary = "Search leads", description = "Newest first. `q` matches names, email, phone and company "
            + "(case-insensitive, substring); `createdFrom` is inclusive and `createdTo` exclusive (ISO instant or "
            + "date). Pass `nextCursor` as `cursor` for the next page. Filters by product and segment arrive with "
            + "the qualifiers; reps cannot search yet.")
    @APIResponse(responseCode = "200", description = "one page of leads",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadPage.class)))
    @APIResponse(responseCode = "400", description = "invalid parameters, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<LeadPage> search(@QueryParam("q") @Size(max = 200) String q,
            @QueryParam("source") @Size(max = 50) String source,
            @QueryParam("createdFrom") String createdFrom,
            @QueryParam("createdTo") String createdTo,
            @QueryParam("cursor") @Size(max = 200) String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Instant from = instant("createdFrom", createdFrom, errors);
        Instant to = instant("createdTo", createdTo, errors);
        if (errors.isEmpty() && from != null && to != null && !from.isBefore(to)) {
            errors.add(new Problem.FieldError("createdTo", "must be after createdFrom"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("validation", errors.size() + " parameter(s) invalid", errors);
        }
        return service.search(new LeadSearch.Criteria(q, source, from, to, cursor, limit));
    }

    /** An ISO instant ({@code 2026-11-22T10:00:00Z}) or date ({@code 2026-11-22}, start of day UTC). */
    static Instant instant(String name, String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(name, "is not an ISO date (2026-11-22) or instant (2026-11-22T10:00:00Z)"));
            return null;
        }
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

    @GET
    @Path("/{id}/duplicates")
    @RolesAllowed({ "sales-manager", "lead-admin" })
    @Operation(summary = "Suspected duplicates and merge history", description = "Other leads that share this lead's "
            + "normalised email or E.164 phone (computed now) and pairs flagged when a lead was captured under the "
            + "flag policy, each with matchedOn and a detail; and the submissions merged into this lead (without "
            + "their data: only which blank fields they filled).")
    @APIResponse(responseCode = "200", description = "suspected duplicates and merge history",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadDuplicatesView.class)))
    @APIResponse(responseCode = "404", description = "no such lead",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<LeadDuplicatesView> duplicates(@PathParam("id") @Schema(type = SchemaType.STRING, format = "uuid") UUID id) {
        return service.duplicates(id);
    }
}
