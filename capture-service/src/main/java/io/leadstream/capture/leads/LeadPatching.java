package io.leadstream.capture.leads;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.leadstream.capture.access.LeadAccess;
import io.leadstream.chassis.access.Viewer;
import io.leadstream.capture.dedup.MergeAudit;
import io.leadstream.capture.intake.LeadIntake;
import io.leadstream.capture.model.FieldErrors;
import io.leadstream.capture.model.Lead;
import io.leadstream.capture.model.LeadFields;
import io.leadstream.capture.model.LeadSubmission;
import io.leadstream.capture.qualifiers.QualifierCatalogue;
import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * {@code PATCH /api/leads/{id}}: a JSON merge patch (RFC 7396) applied to the lead in the shape of
 * {@link LeadSubmission}, then validated and normalised exactly as a new lead is. {@code null} removes a
 * field (a required one cannot go); objects merge member by member; arrays are replaced. Fields a caller may
 * never write are refused by name. The lead is locked ({@code for update}) while the patch is computed, so two
 * patches apply one after the other; the change and its {@code lead.updated} event commit together. A patch that
 * changes nothing writes nothing and announces nothing. No de-duplication: a patch edits one known lead.
 */
@ApplicationScoped
public class LeadPatching {

    /** Never writable through the API (quality.md S4): answered with a 400 naming them. */
    public static final Set<String> NEVER_WRITABLE = Set.of("id", "score", "owner", "stage", "tenant", "partnerId",
            "formKey", "capturedBy", "createdAt");
    /** Shown by GET but maintained by the service. */
    static final Set<String> READ_ONLY = Set.of("updatedAt", "merges", "duplicateOf");

    /** A lead after a patch, and how many merges it has had. */
    public record Patched(Lead lead, long merges) {
    }

    private final LeadIntake intake;
    private final Outbox outbox;
    private final MergeAudit audit;
    private final ObjectMapper mapper;
    private final ObjectReader strictReader;
    private final LeadAccess leadAccess;
    private final QualifierCatalogue qualifiers;

    public LeadPatching(LeadIntake intake, Outbox outbox, MergeAudit audit, ObjectMapper mapper, LeadAccess leadAccess,
            QualifierCatalogue qualifiers) {
        this.leadAccess = leadAccess;
        this.qualifiers = qualifiers;
        this.intake = intake;
        this.outbox = outbox;
        this.audit = audit;
        this.mapper = mapper;
        this.strictReader = mapper.readerFor(LeadSubmission.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * Applies {@code patch} to lead {@code id}; answers the lead as it is afterwards (with its merge count). 404 when
     * there is no such lead or the viewer (a rep) may not see it, 410 when it was erased.
     */
    public Uni<Patched> patch(UUID id, JsonNode patch, Viewer viewer) {
        return Uni.createFrom().item(() -> checked(patch))
                .chain(checked -> Panache.withTransaction(() -> leadAccess.visible(id, viewer)
                        .chain(() -> Lead.<Lead>findById(id, LockModeType.PESSIMISTIC_WRITE))
                        .chain(lead -> apply(lead, checked, viewer.name()))));
    }

    private Uni<Patched> apply(Lead lead, ObjectNode patch, String caller) {
        JsonNode merged = mergePatch(mapper.valueToTree(LeadFields.document(lead)), patch);
        return intake.normalised(request(merged), lead.customQualifiers)
                .chain(contact -> {
                    Lead after = new Lead();
                    LeadFields.write(after, contact);
                    List<String> changed = LeadFields.changed(LeadFields.flat(lead), LeadFields.flat(after));
                    if (changed.isEmpty()) {
                        return view(lead);
                    }
                    LeadFields.write(lead, contact);
                    lead.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return qualifiers.eventAttributes(lead, contact.quality())
                            .chain(attributes -> outbox.record(lead.id, LeadUpdated.of(lead, changed, attributes)))
                            .invoke(() -> Log.infof("lead %s updated by %s: %s", lead.id, caller, changed))
                            .chain(() -> view(lead));
                });
    }

    private Uni<Patched> view(Lead lead) {
        return audit.count(lead.id).map(count -> new Patched(lead, count));
    }

    /** The patch must be an object and may not name a field that is never writable or read-only. */
    private static ObjectNode checked(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw ProblemException.badRequest("validation", "a merge patch of a lead is a JSON object",
                    List.of(new FieldError("body", "must be a JSON object, e.g. {\"jobTitle\": \"CTO\"}")));
        }
        List<FieldError> errors = new ArrayList<>();
        patch.fieldNames().forEachRemaining(name -> {
            if (NEVER_WRITABLE.contains(name)) {
                errors.add(new FieldError(name, "is never writable here"));
            } else if (READ_ONLY.contains(name)) {
                errors.add(new FieldError(name, "is read-only: the service maintains it"));
            }
        });
        FieldErrors.throwIfAny(errors);
        return (ObjectNode) patch;
    }

    /** RFC 7396 MergePatch(target, patch). */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        Iterator<Map.Entry<String, JsonNode>> members = patch.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), mergePatch(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }

    /** The patched lead read as a request; a field a lead does not have, or of the wrong type, is a 400 naming it. */
    private LeadSubmission request(JsonNode merged) {
        try {
            return strictReader.readValue(merged);
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.badRequest("validation", "1 field is invalid",
                    List.of(new FieldError(path(e), "is not a field of a lead")));
        } catch (JsonMappingException e) {
            throw ProblemException.badRequest("validation", "1 field is invalid",
                    List.of(new FieldError(path(e), "has the wrong type or format")));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read a JSON tree", e);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

}
