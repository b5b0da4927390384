package io.leadstream.capture.dedup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The SQL of the merge audit ({@code lead_merge}): written in the merge's transaction, read by the history. */
@ApplicationScoped
public class MergeAuditRepository {

    /** JSON goes in as text and is cast: a String bound straight to a jsonb parameter would become a JSON string. */
    static final String INSERT = """
            insert into lead_merge (id, lead_id, kind, matched_on, source, submission, filled_fields, merged_at, merged_by,
                                    merged_lead_id, reason)
            values (:id, :leadId, :kind, :matchedOn, :source, cast(cast(:submission as text) as jsonb),
                    cast(cast(:filled as text) as jsonb), :mergedAt, :mergedBy, :mergedLeadId, :reason)""";
    static final String COUNT = """
            select count(*) from lead_merge
             where lead_id = :leadId or lead_id in (select id from lead where merged_into = :leadId)""";
    static final String HISTORY = """
            select lead_id, kind, matched_on, source, filled_fields::text as filled, merged_at,
                   merged_by, merged_lead_id, reason
              from lead_merge
             where lead_id = $1 or lead_id in (select id from lead where merged_into = $1)
             order by merged_at, id""";

    /** One row as stored, {@code filledJson} the object of filled fields and their values. */
    public record Row(UUID leadId, String kind, MatchedOn matchedOn, String source, String filledJson, Instant mergedAt,
            String mergedBy, UUID mergedLeadId, String reason) {
    }

    private final Pool pool;

    public MergeAuditRepository(Pool pool) {
        this.pool = pool;
    }

    /** Inserts a merge into {@code leadId} (in the caller's transaction); the JSON arguments are JSON object text. */
    public Uni<Void> insert(UUID leadId, String kind, MatchedOn matchedOn, String source, String dataJson,
            String filledJson, Instant mergedAt, String mergedBy, UUID mergedLeadId, String reason) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                .setParameter("id", UUID.randomUUID())
                .setParameter("leadId", leadId)
                .setParameter("kind", kind)
                .setParameter("matchedOn", matchedOn == null ? null : matchedOn.name())
                .setParameter("source", source)
                .setParameter("submission", dataJson)
                .setParameter("filled", filledJson)
                .setParameter("mergedAt", mergedAt)
                .setParameter("mergedBy", mergedBy)
                .setParameter("mergedLeadId", mergedLeadId)
                .setParameter("reason", reason)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** How many merges the lead has had, including those of leads merged into it (in the caller's session). */
    public Uni<Long> count(UUID leadId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(COUNT, Long.class)
                .setParameter("leadId", leadId).getSingleResult());
    }

    /** The merges into the lead and into the leads merged into it, oldest first. */
    public Uni<List<Row>> history(UUID leadId) {
        return pool.preparedQuery(HISTORY).execute(Tuple.of(leadId)).map(rows -> {
            List<Row> history = new ArrayList<>();
            rows.forEach(row -> history.add(new Row(row.getUUID("lead_id"), row.getString("kind"),
                    row.getString("matched_on") == null ? null : MatchedOn.valueOf(row.getString("matched_on")),
                    row.getString("source"), row.getString("filled"), row.getOffsetDateTime("merged_at").toInstant(),
                    row.getString("merged_by"), row.getUUID("merged_lead_id"), row.getString("reason"))));
            return history;
        });
    }
}
