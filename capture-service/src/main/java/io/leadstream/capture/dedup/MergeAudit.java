package io.leadstream.capture.dedup;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.capture.model.Json;
import io.leadstream.capture.model.NormalisedContact;
import io.smallrye.mutiny.Uni;

/**
 * The audit of every merge into a lead ({@code lead_merge}): a submission merged on create, or a lead a manager merged.
 * Each row keeps the submission or the merged lead as it was (personal data: stays in capture-service, erased with the
 * lead) and the fields filled with their values; the history shows only the names of those fields.
 */
@ApplicationScoped
public class MergeAudit {

    private final MergeAuditRepository audit;
    private final ObjectMapper mapper;

    public MergeAudit(MergeAuditRepository audit, ObjectMapper mapper) {
        this.audit = audit;
        this.mapper = mapper;
    }

    /**
     * Records a submission merged into lead {@code survivorId} on create, how it matched and what it filled (name →
     * value), in the caller's transaction.
     */
    public Uni<Void> submission(UUID survivorId, MatchedOn matchedOn, NormalisedContact contact,
            Map<String, Object> filled, Instant now, String mergedBy) {
        return audit.insert(survivorId, "SUBMISSION", matchedOn, contact.source(),
                Json.write(mapper, MergePolicy.submission(contact)), Json.write(mapper, filled), now, mergedBy, null,
                null);
    }

    /** Records a manager's merge of {@code merged} into lead {@code survivorId} (in the caller's transaction). */
    public Uni<Void> manual(UUID survivorId, Map<String, Object> mergedAsItWas, UUID mergedLeadId, String source,
            MatchedOn matchedOn, Map<String, Object> filled, Instant now, String mergedBy, String reason) {
        return audit.insert(survivorId, "MANUAL", matchedOn, source, Json.write(mapper, mergedAsItWas),
                Json.write(mapper, filled), now, mergedBy, mergedLeadId, reason);
    }

    /** How many merges the lead has had, including those of leads merged into it (in the caller's session). */
    public Uni<Long> count(UUID leadId) {
        return audit.count(leadId);
    }

    /** The merges into the lead and into the leads merged into it, oldest first (never the merged data). */
    public Uni<List<MergeRecord>> history(UUID leadId) {
        return audit.history(leadId).map(rows -> rows.stream().map(row -> new MergeRecord(row.leadId(), row.kind(),
                row.matchedOn(), row.source(), fieldNames(row.filledJson()), row.mergedAt(), row.mergedBy(),
                row.mergedLeadId(), row.reason())).toList());
    }

    private List<String> fieldNames(String filledJson) {
        try {
            return List.copyOf(mapper.readValue(filledJson, new TypeReference<LinkedHashMap<String, Object>>() {
            }).keySet());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lead_merge.filled_fields is not a JSON object", e);
        }
    }

}
