package io.leadstream.capture.leads;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.capture.model.KeysetCursor;
import io.leadstream.capture.model.Lead;
import io.leadstream.capture.model.LeadDetailsNormaliser;
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

    /** One page of leads; {@code nextCursor} is null on the last page. */
    public record Results(List<Lead> items, String nextCursor) {
    }

    public Uni<Results> search(Criteria criteria) {
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
        String product = LeadDetailsNormaliser.label(criteria.product()); // as stored
        if (product != null) {
            where.add("array_contains(products, :product)"); // products @> array[…], through the GIN index
            params.put("product", product);
        }
        String segment = LeadDetailsNormaliser.label(criteria.segment());
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
            KeysetCursor after = KeysetCursor.decode(criteria.cursor());
            where.add("(createdAt < :afterCreated or (createdAt = :afterCreated and id < :afterId))");
            params.put("afterCreated", after.createdAt());
            params.put("afterId", after.id());
        }
        String query = "where " + String.join(" and ", where) + " order by createdAt desc, id desc";
        int limit = criteria.limit();
        return Lead.<Lead>find(query.strip(), params).range(0, limit).list().map(rows -> {
            boolean more = rows.size() > limit;
            List<Lead> items = more ? rows.subList(0, limit) : rows;
            String next = more ? new KeysetCursor(items.get(limit - 1).createdAt, items.get(limit - 1).id).encode() : null;
            return new Results(List.copyOf(items), next);
        });
    }


    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
