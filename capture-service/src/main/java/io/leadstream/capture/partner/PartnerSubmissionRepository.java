package io.leadstream.capture.partner;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.capture.model.KeysetCursor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A partner's own submissions (table {@code partner_submission}): written in the capture transaction; every read is
 * bound to the tenant, so a foreign id reads exactly like an unknown one. Lists are newest first with the same
 * opaque keyset cursor as the lead search ({@link KeysetCursor}).
 */
@ApplicationScoped
public class PartnerSubmissionRepository {

    /** A submission as stored: its id, the lead as submitted and normalised (JSON object text), when it came. */
    public record Submission(UUID id, String leadJson, Instant submittedAt) {
    }

    public record Criteria(String partnerId, Instant submittedFrom, Instant submittedTo, String cursor, int limit) {
    }

    public record Results(List<Submission> items, String nextCursor) {
    }

    static final String INSERT = """
            insert into partner_submission (id, partner_id, lead_id, outcome, submission, submitted_at, submitted_by)
            values (:id, :partnerId, :leadId, :outcome, cast(cast(:submission as text) as jsonb), :submittedAt,
                    :submittedBy)""";
    static final String COLUMNS = "select id, submission::text as submission, submitted_at from partner_submission ";

    private final Pool pool;

    public PartnerSubmissionRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Inserts a submission in the caller's transaction, after the new lead's row (the submission references it);
     * {@code submissionJson} is the lead as submitted, a JSON object's text.
     */
    public Uni<Void> insert(UUID id, String partnerId, UUID leadId, String outcome, String submissionJson,
            Instant submittedAt, String submittedBy) {
        return Panache.getSession()
                .chain(session -> session.flush()
                        .chain(() -> session.createNativeQuery(INSERT)
                                .setParameter("id", id)
                                .setParameter("partnerId", partnerId)
                                .setParameter("leadId", leadId)
                                .setParameter("outcome", outcome)
                                .setParameter("submission", submissionJson)
                                .setParameter("submittedAt", submittedAt)
                                .setParameter("submittedBy", submittedBy)
                                .executeUpdate()))
                .replaceWithVoid();
    }

    /** The tenant's submission, or null when there is none with this id for this tenant. */
    public Uni<Submission> find(String partnerId, UUID id) {
        return pool.preparedQuery(COLUMNS + "where id = $1 and partner_id = $2").execute(Tuple.of(id, partnerId))
                .map(rows -> rows.iterator().hasNext() ? row(rows.iterator().next()) : null);
    }

    public Uni<Results> search(Criteria criteria) {
        List<Object> params = new ArrayList<>();
        params.add(criteria.partnerId());
        StringBuilder sql = new StringBuilder(COLUMNS).append("where partner_id = $1");
        if (criteria.submittedFrom() != null) {
            params.add(criteria.submittedFrom().atOffset(ZoneOffset.UTC));
            sql.append(" and submitted_at >= $").append(params.size());
        }
        if (criteria.submittedTo() != null) {
            params.add(criteria.submittedTo().atOffset(ZoneOffset.UTC));
            sql.append(" and submitted_at < $").append(params.size());
        }
        if (criteria.cursor() != null && !criteria.cursor().isBlank()) {
            KeysetCursor after = KeysetCursor.decode(criteria.cursor());
            params.add(after.createdAt().atOffset(ZoneOffset.UTC));
            params.add(after.id());
            sql.append(" and (submitted_at, id) < ($").append(params.size() - 1).append(", $").append(params.size())
                    .append(")");
        }
        int limit = criteria.limit();
        params.add(limit + 1);
        sql.append(" order by submitted_at desc, id desc limit $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(params)).map(rows -> {
            List<Submission> items = new ArrayList<>();
            rows.forEach(row -> items.add(row(row)));
            boolean more = items.size() > limit;
            List<Submission> page = more ? items.subList(0, limit) : items;
            String next = more ? new KeysetCursor(page.get(limit - 1).submittedAt(), page.get(limit - 1).id())
                    .encode() : null;
            return new Results(List.copyOf(page), next);
        });
    }

    private static Submission row(Row row) {
        return new Submission(row.getUUID("id"), row.getString("submission"),
                row.getOffsetDateTime("submitted_at").toInstant());
    }
}
