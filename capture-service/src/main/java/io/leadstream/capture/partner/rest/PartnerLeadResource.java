package io.leadstream.capture.partner.rest;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
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
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import io.leadstream.capture.access.rest.Viewers;
import io.leadstream.capture.idempotency.Idempotency;
import io.leadstream.capture.idempotency.IdempotencyKey;
import io.leadstream.capture.idempotency.rest.Replies;
import io.leadstream.capture.leads.rest.LeadResource;
import io.leadstream.capture.model.LeadSubmission;
import io.leadstream.capture.partner.PartnerQuota;
import io.leadstream.capture.partner.PartnerSubmissionRepository;
import io.leadstream.capture.partner.PartnerSubmissions;
import io.leadstream.chassis.problem.Problem;
import io.leadstream.chassis.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerResponse;

/**
 * The partner API: partner companies submit leads and read their own submissions. The tenant is the token's
 * {@code partner_id} claim, never the path or the body; every query is bound to it, so another partner's id is
 * a 404 exactly like an unknown one. Every request takes a permit from the partner's quota; every answer once the
 * tenant is known carries the {@code RateLimit-*} headers, and over the quota it is a 429 with
 * {@code Retry-After} before anything is read or stored.
 */
@Path("/api/partner/leads")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("partner")
@Tag(name = "Partner")
public class PartnerLeadResource {

    /** The token claim that names the partner tenant (a hard-coded claim mapper on each partner's client). */
    public static final String TENANT_CLAIM = "partner_id";

    private static final String RATE_LIMITED = "over the partner's quota (leadstream.capture.partner.quota); "
            + "retry after Retry-After seconds";

    private final PartnerLeadSubmissions submissions;
    private final PartnerSubmissions partners;
    private final PartnerQuota quota;

    public PartnerLeadResource(PartnerLeadSubmissions submissions, PartnerSubmissions partners, PartnerQuota quota) {
        this.submissions = submissions;
        this.partners = partners;
        this.quota = quota;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a lead as a partner", description = "The lead fields of POST /api/leads; `source` "
            + "defaults to `partner`. Validated, normalised and de-duplicated like every lead, and announced with "
            + "lead.captured carrying the partner as partnerId. The answer is always this partner's own submission "
            + "(201, a submission id of its own, the lead as it sent it, normalised): when the person is already "
            + "known, from another partner or any other channel, the submission is merged into that lead and the "
            + "partner learns neither its id nor its data. Idempotency-Key is required: the same key with the same "
            + "body within 24 h replays the first answer (Idempotency-Replayed: true), with another body it is a 422, "
            + "still in flight a 409.")
    @RequestBody(required = true, description = "the lead, with the fields of POST /api/leads; here `source` may be "
            + "left out and defaults to `partner`", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = LeadSubmission.class)))
    @APIResponse(responseCode = "201", description = "received; Location names the submission",
            headers = {
                    @Header(name = "Location", description = "the submission's URL", schema = @Schema(type = SchemaType.STRING, format = "uri")),
                    @Header(name = Idempotency.REPLAYED_HEADER, description = "true when this is the stored answer "
                            + "to an earlier request with the same Idempotency-Key", schema = @Schema(type = SchemaType.BOOLEAN)),
                    @Header(name = "RateLimit-Limit", description = "the partner's quota: requests per window", schema = @Schema(type = SchemaType.INTEGER)),
                    @Header(name = "RateLimit-Remaining", description = "requests left now", schema = @Schema(type = SchemaType.INTEGER)),
                    @Header(name = "RateLimit-Reset", description = "seconds until the quota is full again", schema = @Schema(type = SchemaType.INTEGER)),
                    @Header(name = "RateLimit-Policy", description = "the quota as <permits>;w=<window seconds>", schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PartnerLeadView.class)))
    @APIResponse(responseCode = "400", description = "invalid fields, listed in errors[], or a missing or malformed "
            + "Idempotency-Key (errors[] names the header)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "a request with this Idempotency-Key is still in flight after the "
            + "wait; retry after Retry-After seconds",
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "this Idempotency-Key was used with a different body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = RATE_LIMITED,
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> submitPartnerLead(JsonNode body,
            @HeaderParam(IdempotencyKey.HEADER) @Parameter(required = true, description = "required: one unique value "
                    + "per lead (for example a UUID), the same one when retrying it",
                    schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = IdempotencyKey.MAX_LENGTH,
                            pattern = "^[!-~]+$", examples = "6f1c8a52-3d3b-4f0e-9a57-2a5c0b8e1d11")) String idempotencyKey,
            @Context UriInfo uri, @Context SecurityContext security, @Context HttpServerResponse response) {
        Principal caller = security.getUserPrincipal();
        String tenant = tenantOf(caller);
        return admit(tenant, response)
                .chain(() -> submissions.submit(body, tenant, key(caller, tenant, idempotencyKey), Viewers.of(security),
                        uri.getBaseUri(), uri.getPath()))
                .map(Replies::toResponse);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPartnerLead", summary = "Read one of the partner's submissions", description = "Only the calling partner's own "
            + "submission, as it sent it; another partner's id and an unknown id get the same 404.")
    @APIResponse(responseCode = "200", description = "the submission",
            headers = { @Header(name = "RateLimit-Limit", description = "the partner's quota: requests per window", schema = @Schema(type = SchemaType.INTEGER)),
                    @Header(name = "RateLimit-Remaining", description = "requests left now", schema = @Schema(type = SchemaType.INTEGER)),
                    @Header(name = "RateLimit-Reset", description = "seconds until the quota is full again", schema = @Schema(type = SchemaType.INTEGER)),
                    @Header(name = "RateLimit-Policy", description = "the quota as <permits>;w=<window seconds>", schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PartnerLeadView.class)))
    @APIResponse(responseCode = "404", description = "no submission of this partner with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = RATE_LIMITED,
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PartnerLeadView> readPartnerLead(@PathParam("id") @Schema(type = SchemaType.STRING, format = "uuid") UUID id,
            @Context SecurityContext security, @Context HttpServerResponse response) {
        String tenant = tenantOf(security.getUserPrincipal());
        return admit(tenant, response).chain(() -> partners.find(tenant, id)).map(PartnerLeadView::of);
    }

    @GET
    @Operation(summary = "List the partner's submissions", description = "The calling partner's own submissions, "
            + "newest first. `createdFrom` (inclusive) and `createdTo` (exclusive) bound when they were submitted "
            + "(ISO instant or date); pass `nextCursor` as `cursor` for the next page.")
    @APIResponse(responseCode = "200", description = "one page of submissions",
            headers = { @Header(name = "RateLimit-Limit", description = "the partner's quota: requests per window", schema = @Schema(type = SchemaType.INTEGER)),
                    @Header(name = "RateLimit-Remaining", description = "requests left now", schema = @Schema(type = SchemaType.INTEGER)),
                    @Header(name = "RateLimit-Reset", description = "seconds until the quota is full again", schema = @Schema(type = SchemaType.INTEGER)),
                    @Header(name = "RateLimit-Policy", description = "the quota as <permits>;w=<window seconds>", schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PartnerLeadPage.class)))
    @APIResponse(responseCode = "400", description = "invalid parameters, listed in errors[]",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = RATE_LIMITED,
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PartnerLeadPage> listPartnerLeads(@QueryParam("createdFrom") String createdFrom,
            @QueryParam("createdTo") String createdTo,
            @QueryParam("cursor") @Schema(maxLength = 200) String cursor,
            @QueryParam("limit") @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200", defaultValue = "50") String limit,
            @Context SecurityContext security, @Context HttpServerResponse response) {
        String tenant = tenantOf(security.getUserPrincipal());
        return admit(tenant, response).chain(() -> list(tenant, createdFrom, createdTo, cursor, limit));
    }

    private Uni<PartnerLeadPage> list(String tenant, String createdFrom, String createdTo, String cursor, String limit) {
        // checked here rather than by annotations, so that a 400 carries the quota headers too
        List<Problem.FieldError> errors = new ArrayList<>();
        Instant from = LeadResource.instant("createdFrom", createdFrom, errors);
        Instant to = LeadResource.instant("createdTo", createdTo, errors);
        if (errors.isEmpty() && from != null && to != null && !from.isBefore(to)) {
            errors.add(new Problem.FieldError("createdTo", "must be after createdFrom"));
        }
        int size = limit(limit, errors);
        if (cursor != null && cursor.length() > 200) {
            errors.add(new Problem.FieldError("cursor", "is not a cursor from a previous page"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("validation", errors.size() + " parameter(s) invalid", errors);
        }
        return partners.list(new PartnerSubmissionRepository.Criteria(tenant, from, to, cursor, size))
                .map(page -> new PartnerLeadPage(page.items().stream().map(PartnerLeadView::of).toList(),
                        page.nextCursor()));
    }

    /**
     * Takes a permit from the partner's quota (429 problem when there is none). The RateLimit headers go on the
     * response now, so that every answer from here on carries them, a 404 or a 400 as well as a success.
     */
    private Uni<Void> admit(String tenant, HttpServerResponse response) {
        return quota.take(tenant).invoke(decision -> {
            if (decision.allowed()) {
                decision.headers().forEach(response::putHeader);
            }
            decision.orThrow("partner quota");
        }).replaceWithVoid();
    }

    /**
     * The partner's key: required, and scoped to the tenant as well as the caller (client and subject), so two
     * partners never meet each other's keys. 400 naming the header when it is missing or malformed.
     */
    public static IdempotencyKey key(Principal caller, String partnerId, String header) {
        if (header == null || header.isEmpty()) {
            throw ProblemException.badRequest("idempotency-key-required", "partner submissions need an "
                    + IdempotencyKey.HEADER + " header", List.of(new Problem.FieldError(IdempotencyKey.HEADER,
                            "is required: send a new unique value (for example a UUID) per lead, and the same one "
                                    + "when retrying it")));
        }
        IdempotencyKey key = IdempotencyKey.parse(caller, header);
        return new IdempotencyKey("partner:" + partnerId + " " + key.scope(), key.value());
    }

    /** The token's partner_id claim; a 403 problem when there is none. */
    static String tenantOf(Principal caller) {
        if (caller instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim(TENANT_CLAIM);
            String tenant = claim instanceof JsonString json ? json.getString() : claim instanceof String s ? s : null;
            if (tenant != null && !tenant.isBlank()) {
                return tenant;
            }
        }
        throw new ProblemException(403, "partner-tenant-missing", "Forbidden", "the token has the partner role but "
                + "no " + TENANT_CLAIM + " claim, so it names no partner; use the partner's own client");
    }

    private static int limit(String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return 50;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= 200) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        errors.add(new Problem.FieldError("limit", "must be a whole number from 1 to 200"));
        return 50;
    }
}
