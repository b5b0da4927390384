package io.leadstream.capture.partner;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.leadstream.capture.intake.Captured;
import io.leadstream.capture.intake.LeadIntake;
import io.leadstream.capture.model.Json;
import io.leadstream.capture.model.LeadFields;
import io.leadstream.capture.model.LeadSubmission;
import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Partner submissions (the partner API). A submission goes through {@link LeadIntake#capture} like every
 * other lead (validation, normalisation, de-duplication, idempotency, lead.captured with the partner as
 * {@code partnerId}); {@link #record} keeps a {@code partner_submission} row in the same transaction, and the answer
 * is that submission only. So a partner that submits a person Leadstream already knows (from another
 * partner, or any other channel) gets the same 201 with a submission id of its own and the data it sent, while
 * the submission is merged into the existing lead per the source's de-duplication policy: the partner never
 * learns that lead's id, its data, or that it existed.
 */
@ApplicationScoped
public class PartnerSubmissions {

    /** The source of a partner submission that names none. */
    public static final String DEFAULT_SOURCE = "partner";

    private final ObjectMapper mapper;
    private final PartnerSubmissionRepository submissions;

    public PartnerSubmissions(ObjectMapper mapper, PartnerSubmissionRepository submissions) {
        this.mapper = mapper;
        this.submissions = submissions;
    }

    /**
     * The request as the capture pipeline reads it: the partner's JSON object with {@code source} defaulted to
     * {@code partner}. Tenant fields in the body do not exist in the request and are ignored; a member of the wrong
     * type is a 400 naming it.
     */
    public LeadSubmission request(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("malformed-body", "the request body must be a JSON object (the lead)",
                    List.of());
        }
        ObjectNode fields = ((ObjectNode) body).deepCopy();
        if (!fields.hasNonNull("source")) {
            fields.put("source", DEFAULT_SOURCE);
        }
        try {
            return mapper.convertValue(fields, LeadSubmission.class);
        } catch (IllegalArgumentException e) {
            List<FieldError> errors = new ArrayList<>();
            if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                errors.add(new FieldError(mapping.getPath().get(0).getFieldName(), "has the wrong type or format"));
            }
            throw ProblemException.badRequest("malformed-body", "the request body does not match the expected structure",
                    errors);
        }
    }

    /** A partner's submission as the partner sees it: its own id, when, and the lead as it sent it, normalised. */
    public record Submitted(UUID id, Instant submittedAt, ObjectNode lead) {
    }

    /**
     * Keeps {@code captured}, submitted by {@code partnerId}, as the partner's own submission (whether the lead was
     * new or merged), in the capture transaction.
     */
    public Uni<Submitted> record(String partnerId, Captured captured, String caller) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Submitted view = new Submitted(UUID.randomUUID(), now, mapper.valueToTree(LeadFields.submitted(captured.submission())));
        String outcome = captured.merged() ? "MERGED" : "CREATED";
        UUID leadId = captured.lead().id;
        return submissions.insert(view.id(), partnerId, leadId, outcome, Json.write(mapper, view.lead()), now, caller)
                .invoke(() -> Log.infof("partner %s submission %s recorded (%s)", partnerId, view.id(), outcome))
                .replaceWith(view);
    }

    /** The partner's own submission; the same 404 for an unknown id and another partner's. */
    public Uni<Submitted> find(String partnerId, UUID id) {
        return submissions.find(partnerId, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("partner lead", id))
                .map(this::view);
    }

    /** The partner's own submissions, newest first; and where the next page starts, or null. */
    public Uni<Submissions> list(PartnerSubmissionRepository.Criteria criteria) {
        return submissions.search(criteria)
                .map(page -> new Submissions(page.items().stream().map(this::view).toList(), page.nextCursor()));
    }

    /** One page of a partner's submissions. */
    public record Submissions(List<Submitted> items, String nextCursor) {
    }

    private Submitted view(PartnerSubmissionRepository.Submission row) {
        try {
            return new Submitted(row.id(), row.submittedAt(), (ObjectNode) mapper.readTree(row.leadJson()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("partner_submission.submission is not a JSON object", e);
        }
    }

}
