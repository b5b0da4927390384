package io.leadstream.capture.leads.rest;

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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.databind.JsonNode;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.capture.access.rest.Viewers;
import io.leadstream.capture.erasure.Erasure;
import io.leadstream.capture.erasure.rest.ErasureView;
import io.leadstream.capture.idempotency.Idempotency;
import io.leadstream.capture.idempotency.IdempotencyKey;
import io.leadstream.capture.idempotency.Reply;
import io.leadstream.capture.idempotency.rest.Replies;
import io.leadstream.capture.intake.CaptureLead;
import io.leadstream.capture.intake.Captured;
import io.leadstream.capture.intake.LeadIntake;
import io.leadstream.capture.intake.Origin;
import io.leadstream.capture.leads.LeadPatching;
import io.leadstream.capture.leads.LeadReading;
import io.leadstream.capture.leads.LeadSearch;
import io.leadstream.capture.leads.LeadSearchRepository;
import io.leadstream.capture.model.Lead;
import io.leadstream.capture.model.LeadFields;
import io.leadstream.capture.model.LeadSubmission;
import io.leadstream.chassis.problem.Problem;
import io.leadstream.chassis.problem.ProblemException;
import io.smallrye.mutiny.Uni;

@Path("/api/leads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Leads")
public class LeadResource {

    /** RFC 7396 */
    public static final String MERGE_PATCH = "application/merge-patch+json";

    private final LeadIntake intake;
    private final LeadReading reading;
    private final LeadSearch leads;
    private final LeadPatching patching;
    private final Erasure erasure;
    private final Replies replies;

    public LeadResource(LeadIntake intake, LeadReading reading, LeadSearch leads, LeadPatching patching,
            Erasure erasure, Replies replies) {
        this.intake = intake;
        this.reading = reading;
        this.leads = leads;
        this.patching = patching;
        this.erasure = erasure;
        this.replies = replies;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "integration", "sales-rep", "sales-manager", "lead-admin" })
    @Operation(operationId = "createLead", summary = "Capture a lead", description = "Validates and normalises the contact data (email lower-cased, "
            + "phone to E.164), stores the lead and announces lead.captured (without personal data). With an "
            + "Idempotency-Key the request is performed once per key for 24 h: a repeat with the same body gets the "
            + "first response again (status, Location and body, marked Idempotency-Replayed: true), including a 400; "
            + "a repeat while the first is still running waits up to 5 s for it. De-duplication: when a lead with the "
            + "same normalised email or phone exists, the source's policy decides: merge (default; no new lead, the "
            + "existing lead's blank email, phone, company and country are filled, 200 with duplicateOf, "
            + "lead.merged instead of lead.captured), flag (201, the pair is listed under /duplicates) or create (201). "
            + "Unless the policy is create, leads with a similar name at the same company are recorded as suspected "
            + "duplicates (never merged automatically).")
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
    public Uni<Response> capture(@NotNull LeadSubmission request,
            @HeaderParam(IdempotencyKey.HEADER) @Parameter(description = "makes retries safe: the same key with the same "
                    + "body within 24 h is answered with the first response instead of creating another lead",
                    schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = IdempotencyKey.MAX_LENGTH,
                            pattern = "^[!-~]+$", examples = "6f1c8a52-3d3b-4f0e-9a57-2a5c0b8e1d11")) String idempotencyKey,
            @Context UriInfo uri, @Context SecurityContext security) {
        IdempotencyKey key = IdempotencyKey.parse(security.getUserPrincipal(), idempotencyKey);
        return submit(request, key, Viewers.of(security), uri.getBaseUri(), uri.getPath()).map(Replies::toResponse);
    }

    /**
     * What {@code POST /api/leads} answers {@code caller} for {@code request} (also for tests acting as another
     * caller); {@code base} is the service's address, {@code path} the request's.
     */
    public Uni<Reply> submit(LeadSubmission request, IdempotencyKey key, Viewer caller, URI base, String path) {
        CaptureLead command = new CaptureLead(request, Origin.capturedBy(caller.name()), caller);
        return replies.once(key, LeadIntake.CAPTURE, request, path, claim -> intake.capture(command,
                captured -> replies.keep(claim, answer(captured, base))));
    }

    /**
     * 201 with the new lead; 200 with the lead the submission was merged into ({@code duplicateOf} its id), or, to a
     * caller who may not see that lead (a rep it is not assigned to), 200 with only what they sent, as normalised: no
     * Location, no id, nothing of the lead.
     */
    private Reply answer(Captured captured, URI base) {
        Lead lead = captured.lead();
        if (!captured.merged()) {
            return replies.json(201, location(base, lead.id), LeadView.of(lead), lead.id);
        }
        if (captured.visible()) {
            return replies.json(200, location(base, lead.id), LeadView.of(lead).asDuplicate(), lead.id);
        }
        return replies.json(200, null, LeadFields.submitted(captured.submission()), lead.id);
    }

    /** The URL of lead {@code id} at the service's address {@code base}. */
    public static URI location(URI base, UUID id) {
        return UriBuilder.fromUri(base).path("api/leads").path(id.toString()).build();
    }

    @GET
    @RolesAllowed({ "integration", "sales-rep", "sales-manager", "lead-admin" })
    @Operation(operationId = "searchLeads", summary = "Search leads", description = "Newest first. `q` matches names, email, phone and company "
            + "(case-insensitive, substring); `createdFrom` is inclusive and `createdTo` exclusive (ISO instant or "
            + "date); `product` keeps leads interested in that product, `segment` those in that market segment "
            + "(both compared trimmed and lower-case, as stored). Pass `nextCursor` as `cursor` for the next page "
            + "(with the same filters). Leads merged into another are not listed. A sales rep finds only the leads "
            + "assigned to them (as distribution-service announced in lead.assigned).")
    @APIResponse(responseCode = "200", description = "one page of leads",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadPage.class)))
    @APIResponse(responseCode = "400", description = "invalid parameters, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<LeadPage> search(@QueryParam("q") @Size(max = 200) String q,
            @QueryParam("source") @Size(max = 50) String source,
            @QueryParam("product") @Size(max = 100) String product,
            @QueryParam("segment") @Size(max = 100) String segment,
            @QueryParam("createdFrom") String createdFrom,
            @QueryParam("createdTo") String createdTo,
            @QueryParam("cursor") @Size(max = 200) String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @Context SecurityContext security) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Instant from = instant("createdFrom", createdFrom, errors);
        Instant to = instant("createdTo", createdTo, errors);
        if (errors.isEmpty() && from != null && to != null && !from.isBefore(to)) {
            errors.add(new Problem.FieldError("createdTo", "must be after createdFrom"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("validation", errors.size() + " parameter(s) invalid", errors);
        }
        return leads.search(new LeadSearchRepository.Criteria(q, source, product, segment, from, to, cursor, limit,
                Viewers.of(security).onlyOwner()))
                .map(page -> new LeadPage(page.items().stream().map(LeadView::of).toList(), page.nextCursor()));
    }

    /** An ISO instant ({@code 2026-11-22T10:00:00Z}) or date ({@code 2026-11-22}, start of day UTC). */
    public static Instant instant(String name, String value, List<Problem.FieldError> errors) {
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
    // contact-lookup: distribution's and nurture's service accounts, which read one lead's contact details (api.md)
    @RolesAllowed({ "integration", "sales-rep", "sales-manager", "lead-admin", "contact-lookup" })
    @Operation(operationId = "getLead", summary = "Read a lead", description = "Everything about the lead: contact, basic info, qualifiers, "
            + "additional info, source details, notes and how many submissions were merged into it. A lead a manager "
            + "merged into another is still answered (200), as it was, with mergedInto naming the surviving lead and "
            + "mergedAt. A sales rep reads only the leads assigned to them; any other lead answers 404, as if it did "
            + "not exist.")
    @APIResponse(responseCode = "200", description = "the lead (with mergedInto when it was merged into another)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class)))
    @APIResponse(responseCode = "404", description = "no such lead, or (for a sales rep) not one assigned to them",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "the lead's personal data was erased (type .../lead-erased)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<LeadView> get(@PathParam("id") @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
            @Context SecurityContext security) {
        return reading.find(id, Viewers.of(security)).map(LeadView::of);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("lead-admin")
    @ResponseStatus(202)
    @Operation(operationId = "eraseLead", summary = "Erase a lead's personal data", description = "GDPR art. 17. In one transaction: names, "
            + "email and phone removed (the lead stays as a tombstone with its id, source, company, country and "
            + "dates); consent proofs kept with the address replaced by a keyed pseudonym and the IP address removed; "
            + "the merge audit, suspected-duplicate pairs and stored Idempotency-Key responses of the lead deleted; "
            + "lead.erased announced. Afterwards the lead and its consents answer 410. Erasing again answers the "
            + "first erasure.")
    @APIResponse(responseCode = "202", description = "erased; other services are told through lead.erased",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErasureView.class)))
    @APIResponse(responseCode = "404", description = "no such lead",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ErasureView> erase(@PathParam("id") @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
            @Context SecurityContext security) {
        return erasure.erase(id, security.getUserPrincipal().getName()).map(ErasureView::of);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MERGE_PATCH)
    @RolesAllowed({ "integration", "sales-rep", "sales-manager", "lead-admin" })
    @Operation(operationId = "patchLead", summary = "Change a lead", description = "A JSON merge patch (RFC 7396, `application/merge-patch+json`) "
            + "on the lead in the shape of the create request: send only what changes; `null` removes an optional "
            + "field; objects (address, qualifiers, qualifiers.custom, additionalInfo, utm) merge member by member; "
            + "arrays (products, tags) are replaced. The result is validated and normalised like a new lead: a "
            + "required field (firstName, lastName, source, an email or a phone) cannot be removed. id, score, owner, "
            + "stage, tenant, partnerId, formKey, capturedBy and createdAt are never writable (400 naming them). The "
            + "change and lead.updated (the changed field names and the new business attributes, no personal data) "
            + "commit together; a patch that changes nothing answers 200 and announces nothing.")
    @RequestBody(required = true, content = @Content(mediaType = MERGE_PATCH, schema = @Schema(type = SchemaType.OBJECT,
            description = "the fields to change, as in CaptureLeadRequest",
            examples = "{\"jobTitle\": \"CTO\", \"qualifiers\": {\"products\": [\"heat-pumps\"]}, \"notes\": null}")))
    @APIResponse(responseCode = "200", description = "the lead after the patch",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LeadView.class)))
    @APIResponse(responseCode = "400", description = "invalid or never-writable fields, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such lead, or (for a sales rep) not one assigned to them",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "the lead was erased",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "not application/merge-patch+json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<LeadView> patch(@PathParam("id") @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
            JsonNode patch, @Context SecurityContext security) {
        return patching.patch(id, patch, Viewers.of(security))
                .map(patched -> LeadView.of(patched.lead()).withMerges(patched.merges()));
    }
}
