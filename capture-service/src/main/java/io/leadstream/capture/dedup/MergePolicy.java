package io.leadstream.capture.dedup;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.leadstream.capture.model.Lead;
import io.leadstream.capture.model.LeadFields;
import io.leadstream.capture.model.NormalisedContact;

/**
 * What a merge fills, the automatic one on create and the manual one ({@link LeadMerging}) alike: the survivor keeps
 * every value it has; its blank {@link #FIELDS} get the submission's (or the merged lead's), and so does the rest of
 * what it lacks ({@link MergeFill}). Also the data a merge's audit keeps: the submission as normalised, or the merged
 * lead as it was (personal data: stays in capture-service).
 */
public final class MergePolicy {

    /**
     * A field a merge fills: when it is blank on the survivor and not blank on the submission or the merged lead,
     * the survivor gets that value. Every field a lead gains that a merge should carry over is one more row in
     * {@link #FIELDS}: both kinds of merge, their audit and the merged-lead snapshot follow from it.
     */
    record Field<T>(String name, Function<Lead, T> get, BiConsumer<Lead, T> set,
            Function<NormalisedContact, T> submitted) {
    }

    /** The fields merges fill, in the order they are reported. */
    static final List<Field<?>> FIELDS = List.of(
            new Field<String>("email", l -> l.email, (l, v) -> l.email = v, NormalisedContact::email),
            new Field<String>("phone", l -> l.phone, (l, v) -> l.phone = v, NormalisedContact::phone),
            new Field<String>("company", l -> l.company, (l, v) -> l.company = v, NormalisedContact::company),
            new Field<String>("country", l -> l.country, (l, v) -> l.country = v, NormalisedContact::country));

    private MergePolicy() {
    }

    /** Fills the survivor's blanks from a submission; answers what was filled (name → value). */
    public static Map<String, Object> fill(Lead survivor, NormalisedContact submission) {
        Map<String, Object> filled = new LinkedHashMap<>();
        FIELDS.forEach(field -> fillFromSubmission(field, survivor, submission, filled));
        MergeFill.fill(survivor, submission.details(), filled);
        return filled;
    }

    /** Fills the survivor's blanks from another lead; answers what was filled (name → value). */
    public static Map<String, Object> fill(Lead survivor, Lead other) {
        Map<String, Object> filled = new LinkedHashMap<>();
        FIELDS.forEach(field -> fillFromLead(field, survivor, other, filled));
        MergeFill.fill(survivor, LeadFields.details(other), filled);
        return filled;
    }

    private static <T> void fillFromSubmission(Field<T> field, Lead survivor, NormalisedContact from,
            Map<String, Object> filled) {
        fillOne(field, survivor, field.submitted().apply(from), filled);
    }

    private static <T> void fillFromLead(Field<T> field, Lead survivor, Lead from, Map<String, Object> filled) {
        fillOne(field, survivor, field.get().apply(from), filled);
    }

    private static <T> void fillOne(Field<T> field, Lead survivor, T value, Map<String, Object> filled) {
        if (isBlank(field.get().apply(survivor)) && !isBlank(value)) {
            field.set().accept(survivor, value);
            filled.put(field.name(), value);
        }
    }

    /** The submission as normalised, for the audit row (personal data: stays in capture-service). */
    public static Map<String, Object> submission(NormalisedContact contact) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("firstName", contact.firstName());
        fields.put("lastName", contact.lastName());
        FIELDS.forEach(field -> fields.put(field.name(), field.submitted().apply(contact)));
        fields.put("source", contact.source());
        fields.put("details", contact.details());
        fields.values().removeIf(MergePolicy::isBlank);
        return fields;
    }

    /** A lead as it was when merged into another, for the audit row (personal data: stays in capture-service). */
    public static Map<String, Object> snapshot(Lead lead) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("firstName", lead.firstName);
        fields.put("lastName", lead.lastName);
        FIELDS.forEach(field -> fields.put(field.name(), field.get().apply(lead)));
        fields.put("source", lead.source);
        fields.put("createdAt", lead.createdAt);
        fields.put("details", LeadFields.details(lead));
        fields.values().removeIf(MergePolicy::isBlank);
        return fields;
    }

    static boolean isBlank(Object value) {
        return value == null || value instanceof CharSequence text && text.toString().isBlank()
                || value instanceof Collection<?> collection && collection.isEmpty()
                || value instanceof Map<?, ?> map && map.isEmpty();
    }
}
