package io.leadstream.capture.partner;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.capture.leads.LeadSearchRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads a partner's own submissions (table {@code partner_submission}); every query is bound to the tenant, so a
 * foreign id reads exactly like an unknown one. Lists are newest first with the same opaque keyset cursor as
 * {@link LeadSearchRepository}.
 */
@ApplicationScoped
public class PartnerSubmissionRepository {

    /** A submission as stored: its id, the lead as submitted and normalised (JSON object text), when it came. */
    public record Submission(UUID id, String leadJson, Instant submittedAt) {
    }

    public record Criteria(String partnerId, Instant submittedFrom, Instant submittedTo, String cursor, int limit) {
    }

    public record Page(List<Submission> items, String nextCursor) {
    }

    static final String COLUMNS = "select id, submission::text as submission, submitted_at from partner_submission ";

    private final Pool pool;

    public PartnerSubmissionRepository(Pool pool) {
        this.pool = pool;
    }

    /** The tenant's submission, or null when there is none with this id for this tenant. */
    public Uni<Submission> find(String partnerId, UUID id) {
        return pool.preparedQuery(COLUMNS + "where id = $1 and partner_id = $2").execute(Tuple.of(id, partnerId))
                .map(rows -> rows.iterator().hasNext() ? row(rows.iterator().next()) : null);
    }

    public Uni<Page> search(Criteria criteria) {
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
            LeadSearchRepository.Position after = LeadSearchRepository.Position.decode(criteria.cursor());
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
            String next = more ? new LeadSearchRepository.Position(page.get(limit - 1).submittedAt(), page.get(limit - 1).id())
                    .encode() : null;
            return new Page(List.copyOf(page), next);
        });
    }

    private static Submission row(Row row) {
        return new Submission(row.getUUID("id"), row.getString("submission"),
                row.getOffsetDateTime("submitted_at").toInstant());
    }
}
