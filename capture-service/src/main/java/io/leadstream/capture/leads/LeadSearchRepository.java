package io.leadstream.capture.leads;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.capture.model.Lead;
import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Lead search: filters, newest first, keyset pagination. The cursor is an opaque token for the last
 * lead of the previous page, so pages stay stable while leads are added.
 */
@ApplicationScoped
public class LeadSearchRepository {

    /**
     * {@code product} and {@code segment} are compared as stored: trimmed, inner spaces collapsed, lower-case.
     * {@code owner}: only leads assigned to this rep (a sales rep's search), or null for all.
     */
    public record Criteria(String q, String source, String product, String segment, Instant createdFrom,
            Instant createdTo, String cursor, int limit, String owner) {
    }

    public record Page(List<Lead> items, String nextCursor) {
    }

    public Uni<Page> search(Criteria criteria) {
        List<String> where = new ArrayList<>();
        where.add("erasedAt is null");
        Map<String, Object> params = new HashMap<>();
        where.add("mergedInto is null"); // a lead merged into another is found as that one
        if (criteria.q() != null && !criteria.q().isBlank()) {
            where.add("(lower(firstName) like :q escape '\\' or lower(lastName) like :q escape '\\' "
                    + "or email like :q escape '\\' or phone like :q escape '\\' or lower(company) like :q escape '\\')");
            params.put("q", "%" + escapeLike(criteria.q().strip().toLowerCase(Locale.ROOT)) + "%");
        }
        if (criteria.source() != null && !criteria.source().isBlank()) {
            where.add("source = :source");
            params.put("source", criteria.source().strip().toLowerCase(Locale.ROOT));
        }
        String product = label(criteria.product());
        if (product != null) {
            where.add("array_contains(products, :product)"); // products @> array[…], through the GIN index
            params.put("product", product);
        }
        String segment = label(criteria.segment());
        if (segment != null) {
            where.add("segment = :segment");
            params.put("segment", segment);
        }
        if (criteria.createdFrom() != null) {
            where.add("createdAt >= :from");
            params.put("from", criteria.createdFrom());
        }
        if (criteria.createdTo() != null) {
            where.add("createdAt < :to");
            params.put("to", criteria.createdTo());
        }
        if (criteria.owner() != null) {
            where.add("id in (select o.leadId from LeadOwner o where o.repId = :owner)");
            params.put("owner", criteria.owner());
        }
        if (criteria.cursor() != null && !criteria.cursor().isBlank()) {
            Position after = Position.decode(criteria.cursor());
            where.add("(createdAt < :afterCreated or (createdAt = :afterCreated and id < :afterId))");
            params.put("afterCreated", after.createdAt());
            params.put("afterId", after.id());
        }
        String query = "where " + String.join(" and ", where) + " order by createdAt desc, id desc";
        int limit = criteria.limit();
        return Lead.<Lead>find(query.strip(), params).range(0, limit).list().map(rows -> {
            boolean more = rows.size() > limit;
            List<Lead> items = more ? rows.subList(0, limit) : rows;
            String next = more ? new Position(items.get(limit - 1).createdAt, items.get(limit - 1).id).encode() : null;
            return new Page(List.copyOf(items), next);
        });
    }

    /** As {@code LeadDetailsNormaliser.label} stores products and segments. */
    static String label(String value) {
        return value == null || value.isBlank() ? null
                : value.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Where the previous page ended. */
    public record Position(Instant createdAt, UUID id) {

        public String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        public static Position decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                return new Position(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw ProblemException.badRequest("validation", "the cursor is not one this API handed out",
                        List.of(new FieldError("cursor", "is not a cursor from a previous page")));
            }
        }
    }
}
