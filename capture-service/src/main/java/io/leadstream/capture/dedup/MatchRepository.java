package io.leadstream.capture.dedup;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.capture.model.Lead;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The SQL of de-duplication on the {@code lead} table and the suspected pairs ({@code lead_duplicate}). What writes or
 * locks runs in the caller's transaction ({@link Panache#getSession()}); the duplicates report reads with the plain
 * reactive client. The fuzzy keys ({@code lead.name_key}, {@code lead.company_key}) and their folding are the
 * database's: generated columns (V9__fuzzy_dedup_and_manual_merge.sql), compared with pg_trgm's trigram similarity.
 */
@ApplicationScoped
public class MatchRepository {

    static final String LOCK = "select 1 from pg_advisory_xact_lock(hashtextextended(:key, 0))";
    static final String INSERT_DUPLICATE = """
            insert into lead_duplicate (lead_id, suspected_lead_id, matched_on, detected_at)
            values (:leadId, :suspectedId, :matchedOn, :detectedAt) on conflict do nothing""";
    /**
     * Other leads at the same company key with a similar name key (n: the lead, o: the others). Index-backed:
     * lead_company_key and lead_name_key_trgm ({@code %} is pg_trgm's similarity operator, threshold 0.3, which the
     * trigram index answers); the configured, stricter similarity filters the candidates.
     */
    public static final String SIMILAR = """
              from lead n join lead o on o.company_key = n.company_key and o.name_key % n.name_key
             where n.id = :id and o.id <> n.id and o.company_key is not null and o.merged_into is null
               and similarity(o.name_key, n.name_key) >= cast(:threshold as double precision)""";
    static final String INSERT_SIMILAR = """
            insert into lead_duplicate (lead_id, suspected_lead_id, matched_on, similarity, detected_at)
            select n.id, o.id, 'NAME_AND_COMPANY', similarity(o.name_key, n.name_key), :detectedAt""" + SIMILAR + """
             order by similarity(o.name_key, n.name_key) desc, o.created_at, o.id limit cast(:max as integer)
            on conflict do nothing""";
    static final String PAIR_SIMILARITY = """
            select similarity(a.name_key, b.name_key) from lead a join lead b on b.company_key = a.company_key
             where a.id = :a and b.id = :b""";
    static final String MARK_MERGED = """
            update lead set merged_into = :survivor, merged_at = coalesce(merged_at, :now)
             where id = :duplicate or merged_into = :duplicate""";

    /** A lead's id and contact, as the merge's lock keys and the duplicates report need them. */
    public record Contact(UUID id, String email, String phone) {
    }

    /** Another lead sharing a lead's contact now, or with a similar name at its company, or flagged with it. */
    public record SimilarLead(UUID id, double similarity) {
    }

    /** A pair flagged at capture: the other lead, whether the lead was the later one, how, when. */
    public record FlaggedPair(UUID other, boolean later, MatchedOn matchedOn, Double similarity, Instant detectedAt) {
    }

    private final Pool pool;

    public MatchRepository(Pool pool) {
        this.pool = pool;
    }

    /** Takes a transaction-scoped advisory lock on {@code key} (in the caller's transaction). */
    public Uni<Void> lock(String key) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK).setParameter("key", key).getSingleResult())
                .replaceWithVoid();
    }

    /**
     * Leads with this email or phone (either may be null), oldest first. A lead that was merged into another stands
     * for its survivor: the survivor is returned in its place.
     */
    public Uni<List<Lead>> sharing(String email, String phone) {
        String on;
        Object[] parameters;
        if (email != null && phone != null) {
            on = "#.email = ?1 or #.phone = ?2";
            parameters = new Object[] { email, phone };
        } else if (email != null) {
            on = "#.email = ?1";
            parameters = new Object[] { email };
        } else if (phone != null) {
            on = "#.phone = ?1";
            parameters = new Object[] { phone };
        } else {
            return Uni.createFrom().item(List.of());
        }
        String query = "mergedInto is null and (" + on.replace("#.", "") + " or id in "
                + "(select m.mergedInto from Lead m where m.mergedInto is not null and (" + on.replace("#", "m") + ")))";
        return Lead.list(query, Sort.by("createdAt").and("id"), parameters);
    }

    /** The leads merged into {@code survivor}. */
    public Uni<List<Lead>> mergedInto(UUID survivor) {
        return Lead.list("mergedInto = ?1", survivor);
    }

    /** Records the pair (new lead, suspect) as flagged exactly; answers how many rows (0 when it was known). */
    public Uni<Integer> flagExact(UUID leadId, UUID suspectId, MatchedOn matchedOn, Instant detectedAt) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT_DUPLICATE)
                .setParameter("leadId", leadId)
                .setParameter("suspectedId", suspectId)
                .setParameter("matchedOn", matchedOn.name())
                .setParameter("detectedAt", detectedAt)
                .executeUpdate());
    }

    /** Records the leads with a similar name at the new lead's company as suspects, the most similar first. */
    public Uni<Integer> flagSimilar(UUID leadId, double threshold, int max, Instant detectedAt) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT_SIMILAR)
                .setParameter("id", leadId)
                .setParameter("threshold", threshold)
                .setParameter("detectedAt", detectedAt)
                .setParameter("max", max)
                .executeUpdate());
    }

    /** The similarity of the two leads' names when they are at the same company, else null. */
    public Uni<Float> nameSimilarity(UUID a, UUID b) {
        return Panache.getSession().chain(session -> session.createNativeQuery(PAIR_SIMILARITY, Float.class)
                .setParameter("a", a).setParameter("b", b).getResultList())
                .map(similarity -> similarity.isEmpty() ? null : similarity.get(0));
    }

    /**
     * Points the duplicate, and every lead merged into it before, at the survivor (so merged_into always names a
     * lead that is not merged itself). Plain SQL: Hibernate never writes merged_into.
     */
    public Uni<Void> markMerged(UUID duplicateId, UUID survivorId, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(MARK_MERGED)
                .setParameter("survivor", survivorId)
                .setParameter("duplicate", duplicateId)
                .setParameter("now", now)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** The contacts of these leads (those that exist). */
    public Uni<List<Contact>> contacts(UUID a, UUID b) {
        return pool.preparedQuery("select id, email, phone from lead where id = $1 or id = $2").execute(Tuple.of(a, b))
                .map(rows -> {
                    List<Contact> contacts = new ArrayList<>();
                    rows.forEach(row -> contacts.add(contact(row)));
                    return contacts;
                });
    }

    /** The contact of lead {@code id}, or null when there is none. */
    public Uni<Contact> contact(UUID id) {
        return pool.preparedQuery("select id, email, phone from lead where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? contact(rows.iterator().next()) : null);
    }

    /** Other leads, not merged away, with this email or phone now, oldest first. */
    public Uni<List<Contact>> sharingNow(UUID id, String email, String phone) {
        return pool.preparedQuery("""
                select id, email, phone from lead
                 where id <> $1 and merged_into is null and (email = $2 or phone = $3)
                 order by created_at, id""").execute(Tuple.of(id, email, phone))
                .map(rows -> {
                    List<Contact> contacts = new ArrayList<>();
                    rows.forEach(row -> contacts.add(contact(row)));
                    return contacts;
                });
    }

    /** Leads with a similar name at the lead's company now, the most similar first. */
    public Uni<List<SimilarLead>> similarNow(UUID id, double threshold, int max) {
        return pool.preparedQuery(positional("select o.id, similarity(o.name_key, n.name_key) as similarity" + SIMILAR
                + " order by similarity desc, o.created_at, o.id limit cast(:max as integer)"))
                .execute(Tuple.of(id, threshold, max))
                .map(rows -> {
                    List<SimilarLead> similar = new ArrayList<>();
                    rows.forEach(row -> similar.add(new SimilarLead(row.getUUID("id"), row.getDouble("similarity"))));
                    return similar;
                });
    }

    /** The pairs flagged with the lead (either way round) whose other lead is not merged away, oldest first. */
    public Uni<List<FlaggedPair>> flagged(UUID id) {
        return pool.preparedQuery("""
                select case when d.lead_id = $1 then d.suspected_lead_id else d.lead_id end as other,
                       d.lead_id = $1 as later, d.matched_on, d.similarity, d.detected_at
                  from lead_duplicate d
                  join lead o on o.id = case when d.lead_id = $1 then d.suspected_lead_id else d.lead_id end
                 where (d.lead_id = $1 or d.suspected_lead_id = $1) and o.merged_into is null
                 order by d.detected_at""").execute(Tuple.of(id))
                .map(rows -> {
                    List<FlaggedPair> pairs = new ArrayList<>();
                    rows.forEach(row -> {
                        Float similarity = row.getFloat("similarity");
                        OffsetDateTime detected = row.getOffsetDateTime("detected_at");
                        pairs.add(new FlaggedPair(row.getUUID("other"), row.getBoolean("later"),
                                MatchedOn.valueOf(row.getString("matched_on")),
                                similarity == null ? null : similarity.doubleValue(), detected.toInstant()));
                    });
                    return pairs;
                });
    }

    private static Contact contact(Row row) {
        return new Contact(row.getUUID("id"), row.getString("email"), row.getString("phone"));
    }

    /** {@link #SIMILAR} for the reactive client: its named parameters as $1 (:id), $2 (:threshold), $3 (:max). */
    private static String positional(String sql) {
        return sql.replace(":id", "$1").replace(":threshold", "$2").replace(":max", "$3");
    }
}
