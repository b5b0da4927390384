package io.leadstream.capture.dedup;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.capture.dedup.rest.LeadDuplicatesView;
import io.leadstream.capture.model.Lead;
import io.leadstream.capture.model.LeadFields;
import io.leadstream.capture.model.NormalisedContact;
import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * De-duplication. On create: exact match on the same normalised email or the same E.164 phone (merged or flagged
 * per the source's policy), and a fuzzy match on a similar name at the same company (only ever flagged: different
 * people share names). Also what every merge shares, the automatic one on create and the manual one
 * ({@link LeadMerging}): {@link #FIELDS}, the fields a merge fills, and the lead_merge audit.
 * <p>
 * Everything that writes runs in the caller's transaction ({@link Panache#getSession()}); {@link #lock} must come
 * first so that two submissions of one person never both see "no match" (the second waits for the first to commit).
 * The fuzzy keys ({@code lead.name_key}, {@code lead.company_key}) and their folding are the database's: generated
 * columns (V9__fuzzy_dedup_and_manual_merge.sql), compared with pg_trgm's trigram similarity.
 */
@ApplicationScoped
public class DuplicateMatching {

    static final String LOCK = "select 1 from pg_advisory_xact_lock(hashtextextended(:key, 0))";
    /** JSON goes in as text and is cast: a String bound straight to a jsonb parameter would become a JSON string. */
    static final String INSERT_MERGE = """
            insert into lead_merge (id, lead_id, kind, matched_on, source, submission, filled_fields, merged_at, merged_by,
                                    merged_lead_id, reason)
            values (:id, :leadId, :kind, :matchedOn, :source, cast(cast(:submission as text) as jsonb),
                    cast(cast(:filled as text) as jsonb), :mergedAt, :mergedBy, :mergedLeadId, :reason)""";
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

    /**
     * A field a merge fills: when it is blank on the survivor and not blank on the submission or the merged lead,
     * the survivor gets that value (the survivor's own values always win). Every field a lead gains that a merge
     * should carry over is one more row in {@link #FIELDS}: both kinds of merge, their audit and the merged-lead
     * snapshot follow from it.
     */
    record Field<T>(String name, Function<Lead, T> get, BiConsumer<Lead, T> set,
            Function<NormalisedContact, T> submitted) {
    }

    /** The fields merges fill, in the order they are reported. */
    static final List<Field<?>> FIELDS = List.of(
            new Field<String>("email", l -> l.email, (l, v) -> l.email = v, NormalisedContact::email),
            new Field<String>("phone", l -> l.phone, (l, v) -> l.phone = v, NormalisedContact::phone),
            new Field<String>("company", l -> l.company, (l, v) -> l.company = v, NormalisedContact::company),
            new Field<String>("country", l -> l.country, (l, v) -> l.country = v, NormalisedContact::country));

    /** A submission merged into {@code survivor}: the fields it filled (name → value) and how it matched. */
    public record Merge(Lead survivor, MatchedOn matchedOn, Map<String, Object> filled) {
    }

    private final Pool pool;
    private final ObjectMapper mapper;
    private final DedupConfig config;

    public DuplicateMatching(Pool pool, ObjectMapper mapper, DedupConfig config) {
        this.pool = pool;
        this.mapper = mapper;
        this.config = config;
    }

    /**
     * Takes a transaction-scoped advisory lock per normalised email and phone of the submission, in sorted order
     * (two submissions sharing both never wait for each other crosswise).
     */
    public Uni<Void> lock(NormalisedContact contact) {
        return lock(contactKeys(contact.email(), contact.phone()));
    }

    /** The advisory lock keys {@link #lock(NormalisedContact)} takes for this email and phone. */
    public static Set<String> contactKeys(String email, String phone) {
        Set<String> keys = new TreeSet<>();
        if (email != null) {
            keys.add("lead.email:" + email);
        }
        if (phone != null) {
            keys.add("lead.phone:" + phone);
        }
        return keys;
    }

    /** Transaction-scoped advisory locks on {@code keys}, taken in their sorted order (no deadlock between callers). */
    public Uni<Void> lock(Set<String> keys) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String key : new TreeSet<>(keys)) {
            chain = chain.chain(() -> Panache.getSession()
                    .chain(session -> session.createNativeQuery(LOCK).setParameter("key", key).getSingleResult()))
                    .replaceWithVoid();
        }
        return chain;
    }

    /**
     * Leads the submission's email or phone belongs to, oldest first (the first one is the survivor). A lead that
     * was merged into another stands for its survivor: the survivor is returned in its place.
     */
    public Uni<List<Lead>> matches(NormalisedContact contact) {
        Sort oldestFirst = Sort.by("createdAt").and("id");
        String on;
        Object[] parameters;
        if (contact.email() != null && contact.phone() != null) {
            on = "#.email = ?1 or #.phone = ?2";
            parameters = new Object[] { contact.email(), contact.phone() };
        } else if (contact.email() != null) {
            on = "#.email = ?1";
            parameters = new Object[] { contact.email() };
        } else if (contact.phone() != null) {
            on = "#.phone = ?1";
            parameters = new Object[] { contact.phone() };
        } else {
            return Uni.createFrom().item(List.of());
        }
        String query = "mergedInto is null and (" + on.replace("#.", "") + " or id in "
                + "(select m.mergedInto from Lead m where m.mergedInto is not null and (" + on.replace("#", "m") + ")))";
        return Lead.list(query, oldestFirst, parameters);
    }

    /**
     * How the submission matches {@code survivor}: by the survivor's own email and phone, else through a lead merged
     * into it.
     */
    Uni<MatchedOn> matchedOn(Lead survivor, NormalisedContact contact) {
        MatchedOn direct = MatchedOn.of(survivor.email, survivor.phone, contact.email(), contact.phone());
        if (direct != null) {
            return Uni.createFrom().item(direct);
        }
        return Lead.<Lead>list("mergedInto = ?1", survivor.id).map(merged -> {
            boolean email = merged.stream().anyMatch(m -> contact.email() != null && contact.email().equals(m.email));
            boolean phone = merged.stream().anyMatch(m -> contact.phone() != null && contact.phone().equals(m.phone));
            return email && phone ? MatchedOn.EMAIL_AND_PHONE : email ? MatchedOn.EMAIL : MatchedOn.PHONE;
        });
    }

    /**
     * Merges the submission into {@code survivor}: its data stays, its blank {@link #FIELDS} are filled from the
     * submission, and so is the rest of what it lacks ({@link MergeFill}); {@code updatedAt} becomes {@code now};
     * the merge is recorded in lead_merge.
     */
    public Uni<Merge> merge(Lead survivor, NormalisedContact contact, Instant now, String mergedBy) {
        return matchedOn(survivor, contact).chain(matchedOn -> {
            Map<String, Object> filled = fill(survivor, contact);
            survivor.updatedAt = now;
            return audit(survivor.id, "SUBMISSION", matchedOn, contact.source(), submission(contact), filled, now,
                    mergedBy, null, null).replaceWith(new Merge(survivor, matchedOn, filled));
        });
    }

    /** Fills the survivor's blank {@link #FIELDS} from a submission; answers what was filled (name → value). */
    static Map<String, Object> fill(Lead survivor, NormalisedContact submission) {
        Map<String, Object> filled = new LinkedHashMap<>();
        FIELDS.forEach(field -> fillFromSubmission(field, survivor, submission, filled));
        MergeFill.fill(survivor, submission.details(), filled);
        return filled;
    }

    /** Fills the survivor's blank {@link #FIELDS} from another lead; answers what was filled (name → value). */
    static Map<String, Object> fill(Lead survivor, Lead other) {
        Map<String, Object> filled = new LinkedHashMap<>();
        FIELDS.forEach(field -> fillFromLead(field, survivor, other, filled));
        MergeFill.fill(survivor, LeadFields.details(other), filled);
        return filled;
    }

    private static <T> void fillFromSubmission(Field<T> field, Lead survivor, NormalisedContact from,
            Map<String, Object> filled) {
        fillOne(field, survivor, field.submitted().apply(from), filled);
    }

    private static <T> void fillFromLead(Field<T> field, Lead survivor, Lead from, Map<String, Object> filled) {
        fillOne(field, survivor, field.get().apply(from), filled);
    }

    private static <T> void fillOne(Field<T> field, Lead survivor, T value, Map<String, Object> filled) {
        if (isBlank(field.get().apply(survivor)) && !isBlank(value)) {
            field.set().accept(survivor, value);
            filled.put(field.name(), value);
        }
    }

    /**
     * The lead_merge row of a merge into {@code leadId}. {@code data} is the submission or the merged lead as it was
     * (personal data: stays in capture-service); {@code filled} the fields filled with their values.
     */
    Uni<Void> audit(UUID leadId, String kind, MatchedOn matchedOn, String source, Map<String, Object> data,
            Map<String, Object> filled, Instant now, String mergedBy, UUID mergedLeadId, String reason) {
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT_MERGE)
                .setParameter("id", UUID.randomUUID())
                .setParameter("leadId", leadId)
                .setParameter("kind", kind)
                .setParameter("matchedOn", matchedOn == null ? null : matchedOn.name())
                .setParameter("source", source)
                .setParameter("submission", json(data))
                .setParameter("filled", json(filled))
                .setParameter("mergedAt", now)
                .setParameter("mergedBy", mergedBy)
                .setParameter("mergedLeadId", mergedLeadId)
                .setParameter("reason", reason)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** How many merges the lead has had, including those of leads merged into it (in the caller's session). */
    public Uni<Long> mergeCount(UUID leadId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                select count(*) from lead_merge
                 where lead_id = :leadId or lead_id in (select id from lead where merged_into = :leadId)""", Long.class)
                .setParameter("leadId", leadId).getSingleResult());
    }

    /**
     * Records the suspected duplicates of the new lead {@code lead} (persisted, not necessarily flushed): each of
     * {@code exact} (leads sharing its email or phone, under the flag policy) and, unless its source's policy is
     * create or fuzzy matching is off, the leads with a similar name at the same company. Answers how many pairs
     * were recorded. Costs nothing for a lead without exact matches and without a company.
     */
    public Uni<Integer> flag(Lead lead, List<Lead> exact, Instant now) {
        boolean fuzzy = config.fuzzy().enabled() && !isBlank(lead.company)
                && config.policyFor(lead.source) != DedupConfig.Policy.CREATE;
        if (exact.isEmpty() && !fuzzy) {
            return Uni.createFrom().item(0);
        }
        Uni<Integer> chain = Panache.getSession().chain(session -> session.flush()).replaceWith(0);
        for (Lead suspect : exact) {
            MatchedOn matchedOn = MatchedOn.of(lead.email, lead.phone, suspect.email, suspect.phone);
            chain = chain.chain(count -> Panache.getSession().chain(session -> session.createNativeQuery(INSERT_DUPLICATE)
                    .setParameter("leadId", lead.id)
                    .setParameter("suspectedId", suspect.id)
                    .setParameter("matchedOn", matchedOn == null ? MatchedOn.EMAIL.name() : matchedOn.name())
                    .setParameter("detectedAt", now)
                    .executeUpdate()).map(rows -> count + rows));
        }
        if (fuzzy) {
            chain = chain.chain(count -> Panache.getSession().chain(session -> session.createNativeQuery(INSERT_SIMILAR)
                    .setParameter("id", lead.id)
                    .setParameter("threshold", config.fuzzy().nameSimilarity())
                    .setParameter("detectedAt", now)
                    .setParameter("max", config.fuzzy().maxSuspects())
                    .executeUpdate()).map(rows -> count + rows));
        }
        return chain;
    }

    /**
     * How two leads match, as a manager merging them would want it recorded: exactly (email, phone), else by a
     * similar name at the same company, else null (in the caller's session).
     */
    Uni<MatchedOn> pairMatch(Lead survivor, Lead other) {
        MatchedOn exact = MatchedOn.of(survivor.email, survivor.phone, other.email, other.phone);
        if (exact != null) {
            return Uni.createFrom().item(exact);
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(PAIR_SIMILARITY, Float.class)
                .setParameter("a", survivor.id).setParameter("b", other.id).getResultList())
                .map(similarity -> !similarity.isEmpty() && similarity.get(0) != null
                        && similarity.get(0) >= config.fuzzy().nameSimilarity() ? MatchedOn.NAME_AND_COMPANY : null);
    }

    /**
     * The lead's suspected duplicates (sharing its email or phone now, a similar name at the same company now,
     * flagged pairs; leads merged away are not suspects any more) and its merge history with that of the leads
     * merged into it; 404 if none.
     */
    public Uni<LeadDuplicatesView> duplicates(UUID id) {
        return pool.preparedQuery("select email, phone from lead where id = $1").execute(Tuple.of(id))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().failure(ProblemException.notFound("lead", id));
                    }
                    Row lead = rows.iterator().next();
                    String email = lead.getString("email");
                    String phone = lead.getString("phone");
                    Map<UUID, Suspect> suspects = new LinkedHashMap<>();
                    return pool.preparedQuery("""
                            select id, email, phone from lead
                             where id <> $1 and merged_into is null and (email = $2 or phone = $3)
                             order by created_at, id""")
                            .execute(Tuple.of(id, email, phone))
                            .invoke(shared -> shared.forEach(row -> {
                                MatchedOn on = MatchedOn.of(email, phone, row.getString("email"), row.getString("phone"));
                                suspects.computeIfAbsent(row.getUUID("id"), k -> new Suspect())
                                        .add(on, null, "shares its " + words(on) + " now");
                            }))
                            .chain(() -> pool.preparedQuery(positional("select o.id, similarity(o.name_key, n.name_key) "
                                    + "as similarity" + SIMILAR + " order by similarity desc, o.created_at, o.id limit cast(:max as integer)"))
                                    .execute(Tuple.of(id, config.fuzzy().nameSimilarity(), config.fuzzy().maxSuspects())))
                            .invoke(similar -> similar.forEach(row -> {
                                double similarity = row.getDouble("similarity");
                                suspects.computeIfAbsent(row.getUUID("id"), k -> new Suspect())
                                        .add(MatchedOn.NAME_AND_COMPANY, similarity, String.format(Locale.ROOT,
                                                "has a similar name (similarity %.2f) at the same company now", similarity));
                            }))
                            .chain(() -> pool.preparedQuery("""
                                    select case when d.lead_id = $1 then d.suspected_lead_id else d.lead_id end as other,
                                           d.lead_id = $1 as later, d.matched_on, d.similarity, d.detected_at
                                      from lead_duplicate d
                                      join lead o on o.id = case when d.lead_id = $1 then d.suspected_lead_id
                                                                 else d.lead_id end
                                     where (d.lead_id = $1 or d.suspected_lead_id = $1) and o.merged_into is null
                                     order by d.detected_at""").execute(Tuple.of(id)))
                            .invoke(flagged -> flagged.forEach(row -> {
                                MatchedOn on = MatchedOn.valueOf(row.getString("matched_on"));
                                Float similarity = row.getFloat("similarity");
                                String when = DateTimeFormatter.ISO_INSTANT.format(
                                        row.getOffsetDateTime("detected_at").toInstant());
                                suspects.computeIfAbsent(row.getUUID("other"), k -> new Suspect()).add(on,
                                        similarity == null ? null : similarity.doubleValue(),
                                        "flagged at " + when + " when " + (row.getBoolean("later") ? "this" : "that")
                                                + " lead was captured with " + (on == MatchedOn.NAME_AND_COMPANY
                                                        ? "a similar name at the same company" : "the same " + words(on)));
                            }))
                            .chain(() -> mergeHistory(id))
                            .map(history -> {
                                List<LeadDuplicatesView.Duplicate> duplicates = new ArrayList<>();
                                suspects.forEach((other, s) -> duplicates.add(s.view(other)));
                                return new LeadDuplicatesView(id, duplicates, history);
                            });
                });
    }

    /** The merges into the lead and into the leads merged into it, oldest first (never the merged data). */
    public Uni<List<LeadDuplicatesView.Merge>> mergeHistory(UUID id) {
        return pool.preparedQuery("""
                select lead_id, kind, matched_on, source, filled_fields::text as filled, merged_at,
                       merged_by, merged_lead_id, reason
                  from lead_merge
                 where lead_id = $1 or lead_id in (select id from lead where merged_into = $1)
                 order by merged_at, id""").execute(Tuple.of(id))
                .map(merges -> {
                    List<LeadDuplicatesView.Merge> history = new ArrayList<>();
                    merges.forEach(row -> history.add(new LeadDuplicatesView.Merge(row.getUUID("lead_id"),
                            row.getString("kind"),
                            row.getString("matched_on") == null ? null : MatchedOn.valueOf(row.getString("matched_on")),
                            row.getString("source"), fieldNames(row.getString("filled")),
                            row.getOffsetDateTime("merged_at").toInstant(), row.getString("merged_by"),
                            row.getUUID("merged_lead_id"), row.getString("reason"))));
                    return history;
                });
    }

    /** {@link #SIMILAR} for the reactive client: its named parameters as $1 (:id), $2 (:threshold), $3 (:max). */
    private static String positional(String sql) {
        return sql.replace(":id", "$1").replace(":threshold", "$2").replace(":max", "$3");
    }

    /** Reasons gathered for one other lead. */
    private static final class Suspect {
        final Set<MatchedOn> on = new TreeSet<>();
        final Set<String> details = new LinkedHashSet<>();
        Double similarity;

        void add(MatchedOn matchedOn, Double similarity, String detail) {
            on.addAll(matchedOn.reasons());
            details.add(detail);
            if (similarity != null && (this.similarity == null || similarity > this.similarity)) {
                this.similarity = similarity;
            }
        }

        LeadDuplicatesView.Duplicate view(UUID other) {
            return new LeadDuplicatesView.Duplicate(other, List.copyOf(on), similarity == null ? null
                    : Math.round(similarity * 1000) / 1000.0, String.join("; ", details));
        }
    }

    private static String words(MatchedOn on) {
        return switch (on) {
            case EMAIL -> "email";
            case PHONE -> "phone";
            case EMAIL_AND_PHONE -> "email and phone";
            case NAME_AND_COMPANY -> "name and company";
        };
    }

    /** The submission as normalised, for the audit row (personal data: stays in capture-service). */
    private static Map<String, Object> submission(NormalisedContact contact) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("firstName", contact.firstName());
        fields.put("lastName", contact.lastName());
        FIELDS.forEach(field -> fields.put(field.name(), field.submitted().apply(contact)));
        fields.put("source", contact.source());
        fields.put("details", contact.details());
        fields.values().removeIf(DuplicateMatching::isBlank);
        return fields;
    }

    /** A lead as it was when merged into another, for the audit row (personal data: stays in capture-service). */
    static Map<String, Object> snapshot(Lead lead) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("firstName", lead.firstName);
        fields.put("lastName", lead.lastName);
        FIELDS.forEach(field -> fields.put(field.name(), field.get().apply(lead)));
        fields.put("source", lead.source);
        fields.put("createdAt", lead.createdAt);
        fields.put("details", LeadFields.details(lead));
        fields.values().removeIf(DuplicateMatching::isBlank);
        return fields;
    }

    private List<String> fieldNames(String filledJson) {
        try {
            return List.copyOf(mapper.readValue(filledJson, new TypeReference<LinkedHashMap<String, Object>>() {
            }).keySet());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lead_merge.filled_fields is not a JSON object", e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static boolean isBlank(Object value) {
        return value == null || value instanceof CharSequence text && text.toString().isBlank()
                || value instanceof Collection<?> collection && collection.isEmpty()
                || value instanceof Map<?, ?> map && map.isEmpty();
    }
}
