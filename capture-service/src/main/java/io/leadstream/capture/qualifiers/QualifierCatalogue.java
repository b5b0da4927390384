package io.leadstream.capture.qualifiers;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.capture.model.FieldErrors;
import io.leadstream.capture.model.QualifierDefinition;
import io.leadstream.capture.model.QualifierType;
import io.leadstream.capture.qualifiers.rest.DefineQualifierRequest;
import io.leadstream.chassis.problem.Problem.FieldError;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The custom qualifiers lead admins define ({@code qualifier_definition}): typed keys that a lead's
 * {@code qualifiers.custom} may use. Read with the plain reactive client, outside any lead transaction (a
 * definition is configuration, not part of a lead).
 */
@ApplicationScoped
public class QualifierCatalogue {

    /** What a key looks like; also the check in V7__qualifier_definition.sql. */
    public static final String KEY_PATTERN = "[A-Za-z][A-Za-z0-9_-]{0,49}";
    static final int MAX_OPTIONS = 100;
    static final int MAX_OPTION_LENGTH = 100;

    static final String SELECT = "select key, type, label, options, updated_at, updated_by from qualifier_definition";
    static final String UPSERT = """
            insert into qualifier_definition (key, type, label, options, updated_at, updated_by)
            values ($1, $2, $3, $4, $5, $6)
            on conflict (key) do update set type = excluded.type, label = excluded.label, options = excluded.options,
                   updated_at = excluded.updated_at, updated_by = excluded.updated_by
            returning (xmax = 0) as created""";

    /** A definition as stored, and whether it was new. */
    public record Defined(QualifierDefinition definition, boolean created) {
    }

    private final Pool pool;

    public QualifierCatalogue(Pool pool) {
        this.pool = pool;
    }

    /** Every definition, by key. */
    public Uni<List<QualifierDefinition>> all() {
        return pool.query(SELECT + " order by key").execute().map(rows -> {
            List<QualifierDefinition> definitions = new ArrayList<>();
            rows.forEach(row -> definitions.add(definition(row)));
            return definitions;
        });
    }

    /** The definitions of {@code keys} that exist (no query when there are none). */
    public Uni<Map<String, QualifierDefinition>> of(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(SELECT + " where key = any($1)").execute(Tuple.of(keys.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, QualifierDefinition> definitions = new HashMap<>();
                    rows.forEach(row -> definitions.put(row.getString("key"), definition(row)));
                    return definitions;
                });
    }

    /** Creates or replaces the definition of {@code key}; 400 problem naming each invalid field. */
    public Uni<Defined> define(String key, DefineQualifierRequest request, String by) {
        List<FieldError> errors = new ArrayList<>();
        if (key == null || !key.matches(KEY_PATTERN)) {
            errors.add(new FieldError("key", "must start with a letter and have up to 50 letters, digits, '_' or '-'"));
        }
        List<String> options = options(request, errors);
        FieldErrors.throwIfAny(errors);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String label = request.label().strip();
        return pool.preparedQuery(UPSERT)
                .execute(Tuple.of(key, request.type().name(), label, options.toArray(String[]::new),
                        now.atOffset(ZoneOffset.UTC), by))
                .map(rows -> new Defined(new QualifierDefinition(key, request.type(), label, options, now, by),
                        rows.iterator().next().getBoolean("created")))
                .invoke(defined -> Log.infof("qualifier %s %s as %s by %s", key,
                        defined.created() ? "defined" : "redefined", request.type(), by));
    }

    /** An ENUM's options, trimmed, non-blank and unique ignoring case; no options for the other types. */
    private static List<String> options(DefineQualifierRequest request, List<FieldError> errors) {
        List<String> given = request.options() == null ? List.of() : request.options();
        if (request.type() != QualifierType.ENUM) {
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

    private static QualifierDefinition definition(Row row) {
        String[] options = row.getArrayOfStrings("options");
        return new QualifierDefinition(row.getString("key"), QualifierType.valueOf(row.getString("type")),
                row.getString("label"), options == null ? List.of() : Arrays.asList(options),
                row.getOffsetDateTime("updated_at").toInstant(), row.getString("updated_by"));
    }
}
