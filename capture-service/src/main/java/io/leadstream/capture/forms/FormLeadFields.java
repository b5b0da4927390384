package io.leadstream.capture.forms;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.leadstream.capture.model.FieldErrors;
import io.leadstream.capture.model.LeadSubmission;
import io.leadstream.chassis.problem.Problem.FieldError;

/**
 * The lead fields a web form may fill, read off {@link LeadSubmission} itself (so fields added there become
 * mappable without a change here): every scalar component by its JSON name, nested records with '.'
 * ({@code utm.source}); lists and maps are not mappable from a form. And the ONE place where a form's values
 * become a {@link LeadSubmission}: an {@link ObjectNode} of JSON field names through Jackson.
 */
@ApplicationScoped
public class FormLeadFields {

    /** Set by the form itself, never from a posted field. */
    public static final String SOURCE = "source";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";

    private static final int MAX_DEPTH = 3;

    private final ObjectMapper mapper;
    private final Set<String> targets;
    private final Set<String> required;

    public FormLeadFields(ObjectMapper mapper) {
        this.mapper = mapper;
        Set<String> all = new TreeSet<>();
        Set<String> needed = new TreeSet<>();
        collect(LeadSubmission.class, "", 0, all, needed);
        all.remove(SOURCE);
        needed.remove(SOURCE);
        this.targets = Set.copyOf(all);
        this.required = Set.copyOf(needed);
    }

    /** Every lead field path a form field may be mapped to. */
    public Set<String> targets() {
        return targets;
    }

    /** Top-level lead fields the request cannot do without (besides email or phone, and the source). */
    public Set<String> required() {
        return required;
    }

    /**
     * The lead request for a submission: each mapped, non-blank value at its lead field path, the form's source.
     * A value Jackson cannot convert (a word for a number) is a 400 naming the form field.
     */
    public LeadSubmission request(Map<String, String> mapping, Map<String, String> values, String source) {
        ObjectNode lead = mapper.createObjectNode();
        Map<String, String> fieldOf = new LinkedHashMap<>();
        mapping.forEach((formField, path) -> {
            String value = values.get(formField);
            if (value != null && !value.isBlank() && targets.contains(path)) {
                fieldOf.put(path, formField);
                ObjectNode node = lead;
                String[] parts = path.split("\\.");
                for (int i = 0; i < parts.length - 1; i++) {
                    node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
                }
                node.put(parts[parts.length - 1], value.strip());
            }
        });
        lead.put(SOURCE, source);
        try {
            return mapper.convertValue(lead, LeadSubmission.class);
        } catch (IllegalArgumentException e) {
            String field = e.getCause() instanceof JsonMappingException failure ? path(failure) : null;
            List<FieldError> errors = new ArrayList<>();
            errors.add(new FieldError(field == null ? "form" : fieldOf.getOrDefault(field, field),
                    "has the wrong type or format"));
            FieldErrors.throwIfAny(errors);
            throw e;
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static void collect(Class<?> type, String prefix, int depth, Set<String> all, Set<String> needed) {
        if (!type.isRecord() || depth >= MAX_DEPTH) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + jsonName(component);
            Class<?> t = component.getType();
            if (t.isRecord()) {
                collect(t, name + ".", depth + 1, all, needed);
            } else if (scalar(t)) {
                all.add(name);
                Method accessor = component.getAccessor();
                if (depth == 0 && (accessor.isAnnotationPresent(NotBlank.class)
                        || accessor.isAnnotationPresent(NotNull.class) || accessor.isAnnotationPresent(NotEmpty.class))) {
                    needed.add(name);
                }
            }
        }
    }

    /** A value a form's text converts to: not a list, map, array or free JSON (records are walked into). */
    private static boolean scalar(Class<?> t) {
        return !Collection.class.isAssignableFrom(t) && !Map.class.isAssignableFrom(t) && !t.isArray()
                && t != Object.class && !com.fasterxml.jackson.databind.JsonNode.class.isAssignableFrom(t);
    }

    private static String jsonName(RecordComponent component) {
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        return property != null && !property.value().isEmpty() ? property.value() : component.getName();
    }
}
