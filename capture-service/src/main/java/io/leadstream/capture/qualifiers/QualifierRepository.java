package io.leadstream.capture.qualifiers;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.capture.model.QualifierDefinition;
import io.leadstream.capture.model.QualifierType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The custom qualifier definitions ({@code qualifier_definition}), read and written with the plain reactive client,
 * outside any lead transaction (a definition is configuration, not part of a lead); read in the caller's transaction
 * only where a lead transaction needs them ({@link #ofInTransaction}), so it never waits for a second connection.
 */
@ApplicationScoped
public class QualifierRepository {

    static final String SELECT = "select key, type, label, options, updated_at, updated_by from qualifier_definition";
    static final String UPSERT = """
            insert into qualifier_definition (key, type, label, options, updated_at, updated_by)
            values ($1, $2, $3, $4, $5, $6)
            on conflict (key) do update set type = excluded.type, label = excluded.label, options = excluded.options,
                   updated_at = excluded.updated_at, updated_by = excluded.updated_by
            returning (xmax = 0) as created""";

    /**
     * One row per option (one row with a null option for the types without options), so no array column has to be
     * mapped through the Hibernate session; the time as ISO 8601 text for the same reason.
     */
    static final String SELECT_IN_TRANSACTION = """
            select d.key, d.type, d.label, to_json(d.updated_at) #>> '{}', d.updated_by, o.option
              from qualifier_definition d left join lateral unnest(d.options) with ordinality as o(option, n) on true
             where d.key in (:keys)
             order by d.key, o.n""";

    private final Pool pool;

    public QualifierRepository(Pool pool) {
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

    /** The definitions of {@code keys} that exist, by key. */
    public Uni<Map<String, QualifierDefinition>> of(Collection<String> keys) {
        return pool.preparedQuery(SELECT + " where key = any($1)").execute(Tuple.of(keys.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, QualifierDefinition> definitions = new HashMap<>();
                    rows.forEach(row -> definitions.put(row.getString("key"), definition(row)));
                    return definitions;
                });
    }

    /** As {@link #of}, in the caller's transaction ({@link Panache#getSession()}). */
    public Uni<Map<String, QualifierDefinition>> ofInTransaction(Collection<String> keys) {
        return Panache.getSession().chain(session -> session.createNativeQuery(SELECT_IN_TRANSACTION, Object[].class)
                .setParameter("keys", List.copyOf(keys)).getResultList())
                .map(rows -> {
                    Map<String, QualifierDefinition> definitions = new HashMap<>();
                    for (Object[] row : rows) {
                        String key = (String) row[0];
                        QualifierDefinition known = definitions.get(key);
                        List<String> options = new ArrayList<>(known == null ? List.of() : known.options());
                        if (row[5] != null) {
                            options.add((String) row[5]);
                        }
                        definitions.put(key, new QualifierDefinition(key, QualifierType.valueOf((String) row[1]),
                                (String) row[2], List.copyOf(options), OffsetDateTime.parse((String) row[3]).toInstant(),
                                (String) row[4]));
                    }
                    return definitions;
                });
    }

    /** Creates or replaces the definition; answers whether it was new. */
    public Uni<Boolean> save(QualifierDefinition definition) {
        return pool.preparedQuery(UPSERT)
                .execute(Tuple.of(definition.key(), definition.type().name(), definition.label(),
                        definition.options().toArray(String[]::new), definition.updatedAt().atOffset(ZoneOffset.UTC),
                        definition.updatedBy()))
                .map(rows -> rows.iterator().next().getBoolean("created"));
    }

    private static QualifierDefinition definition(Row row) {
        String[] options = row.getArrayOfStrings("options");
        return new QualifierDefinition(row.getString("key"), QualifierType.valueOf(row.getString("type")),
                row.getString("label"), options == null ? List.of() : Arrays.asList(options),
                row.getOffsetDateTime("updated_at").toInstant(), row.getString("updated_by"));
    }
}
