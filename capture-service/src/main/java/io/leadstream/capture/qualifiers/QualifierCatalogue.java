package io.leadstream.capture.qualifiers;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.capture.model.FieldErrors;
import io.leadstream.capture.model.Lead;
import io.leadstream.capture.model.LeadAttributes;
import io.leadstream.capture.model.NormalisedContact;
import io.leadstream.capture.model.QualifierDefinition;
import io.leadstream.capture.model.QualifierType;
import io.leadstream.chassis.problem.Problem.FieldError;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The custom qualifiers lead admins define ({@code qualifier_definition}): typed keys that a lead's
 * {@code qualifiers.custom} may use. Read with the plain reactive client, outside any lead transaction (a
 * definition is configuration, not part of a lead), except where a lead's event is written: which of its values an
 * event may carry is read in that transaction ({@link #eventAttributes}).
 */
@ApplicationScoped
public class QualifierCatalogue {

    /** What a key looks like; also the check in V7__qualifier_definition.sql. */
    public static final String KEY_PATTERN = "[A-Za-z][A-Za-z0-9_-]{0,49}";
    static final int MAX_OPTIONS = 100;
    static final int MAX_OPTION_LENGTH = 100;

    /** A definition as stored, and whether it was new. */
    public record Defined(QualifierDefinition definition, boolean created) {
    }

    private final QualifierRepository definitions;

    public QualifierCatalogue(QualifierRepository definitions) {
        this.definitions = definitions;
    }

    /** Every definition, by key. */
    public Uni<List<QualifierDefinition>> all() {
        return definitions.all();
    }

    /** The definitions of {@code keys} that exist (no query when there are none). */
    public Uni<Map<String, QualifierDefinition>> of(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return definitions.of(keys);
    }

    /**
     * The lead as its events describe it ({@link LeadAttributes}): its attributes, {@code quality}, and the custom
     * qualifiers events may carry, judged by their definitions as they are now, read in the caller's transaction (no
     * query when the lead has no custom qualifiers).
     */
    public Uni<LeadAttributes> eventAttributes(Lead lead, NormalisedContact.Quality quality) {
        Set<String> keys = lead.customQualifiers == null ? Set.of() : lead.customQualifiers.keySet();
        Uni<Map<String, QualifierDefinition>> known = keys.isEmpty() ? Uni.createFrom().item(Map.of())
                : definitions.ofInTransaction(keys);
        return known.map(defined -> LeadAttributes.of(lead, quality, defined));
    }

    /**
     * Creates or replaces the definition of {@code key}: values of {@code type}, a label for people, and an ENUM's
     * options. A 400 problem naming each invalid field.
     */
    public Uni<Defined> define(String key, QualifierType type, String label, List<String> options, String by) {
        List<FieldError> errors = new ArrayList<>();
        if (key == null || !key.matches(KEY_PATTERN)) {
            errors.add(new FieldError("key", "must start with a letter and have up to 50 letters, digits, '_' or '-'"));
        }
        List<String> allowed = options(type, options, errors);
        FieldErrors.throwIfAny(errors);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        QualifierDefinition definition = new QualifierDefinition(key, type, label.strip(), allowed, now, by);
        return definitions.save(definition)
                .map(created -> new Defined(definition, created))
                .invoke(defined -> Log.infof("qualifier %s %s as %s by %s", key,
                        defined.created() ? "defined" : "redefined", type, by));
    }

    /** An ENUM's options, trimmed, non-blank and unique ignoring case; no options for the other types. */
    private static List<String> options(QualifierType type, List<String> requested, List<FieldError> errors) {
        List<String> given = requested == null ? List.of() : requested;
        if (type != QualifierType.ENUM) {
            if (!given.isEmpty()) {
                errors.add(new FieldError("options", "only an ENUM has options"));
            }
            return List.of();
        }
        if (given.isEmpty()) {
            errors.add(new FieldError("options", "an ENUM needs at least one option"));
        }
        if (given.size() > MAX_OPTIONS) {
            errors.add(new FieldError("options", "at most " + MAX_OPTIONS + " options"));
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        List<String> options = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String option = given.get(i) == null ? "" : given.get(i).strip();
            if (option.isEmpty() || option.length() > MAX_OPTION_LENGTH) {
                errors.add(new FieldError("options[" + i + "]", "must be 1-" + MAX_OPTION_LENGTH + " characters"));
            } else if (!seen.add(option.toLowerCase(Locale.ROOT))) {
                errors.add(new FieldError("options[" + i + "]", "repeats an earlier option"));
            } else {
                options.add(option);
            }
        }
        return options;
    }
}
