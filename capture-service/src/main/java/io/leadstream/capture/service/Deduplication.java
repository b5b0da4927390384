package io.leadstream.capture.service;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.capture.Lead;
import io.leadstream.capture.dedup.MatchedOn;
import io.leadstream.capture.rest.LeadDuplicatesView;
import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Exact-match de-duplication on create: the same normalised email or the same E.164 phone. Everything that writes
 * runs in the caller's transaction ({@link Panache#getSession()}); {@link #lock} must come first so that two
 * submissions of one person never both see "no match" (the second waits for the first to commit).
 */
@ApplicationScoped
public class Deduplication {

    static final String LOCK = "select 1 from pg_advisory_xact_lock(hashtextextended(:key, 0))";
    /** JSON goes in as text and is cast: a String bound straight to a jsonb parameter would become a JSON string. */
    static final String INSERT_MERGE = """
            insert into lead_merge (id, lead_id, kind, matched_on, source, submission, filled_fields, merged_at, merged_by)
            values (:id, :leadId, 'SUBMISSION', :matchedOn, :source, cast(cast(:submission as text) as jsonb),
                    cast(cast(:filled as text) as jsonb), :mergedAt, :mergedBy)""";
    static final String INSERT_DUPLICATE = """
            insert into lead_duplicate (lead_id, suspected_lead_id, matched_on, detected_at)
            values (:leadId, :suspectedId, :matchedOn, :detectedAt) on conflict do nothing""";

    /** A submission merged into {@code survivor}: the fields it filled (name → value) and how it matched. */
    public record Merge(Lead survivor, MatchedOn matchedOn, Map<String, Object> filled) {
    }

    private final Pool pool;
    private final ObjectMapper mapper;

    public Deduplication(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /**
     * Takes a transaction-scoped advisory lock per normalised email and phone of the submission, in sorted order
     * (two submissions sharing both never wait for each other crosswise).
     */
    public Uni<Void> lock(NormalisedContact contact) {
        return lock(contact.email(), contact.phone());
    }

    /** The same locks for a stored lead's email and phone (erasure takes them so no merge lands meanwhile). */
    public Uni<Void> lock(String email, String phone) {
        Set<String> keys = new TreeSet<>();
        if (email != null) {
            keys.add("lead.email:" + email);
        }
        if (phone != null) {
            keys.add("lead.phone:" + phone);
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String key : keys) {
            chain = chain.chain(() -> Panache.getSession()
                    .chain(session -> session.createNativeQuery(LOCK).setParameter("key", key).getSingleResult()))
                    .replaceWithVoid();
        }
        return chain;
    }

    /** Existing leads with the submission's email or phone, oldest first (the first one is the survivor). */
    public Uni<List<Lead>> matches(NormalisedContact contact) {
        Sort oldestFirst = Sort.by("createdAt").and("id");
        if (contact.email() != null && contact.phone() != null) {
            return Lead.list("email = ?1 or phone = ?2", oldestFirst, contact.email(), contact.phone());
        }
        if (contact.email() != null) {
            return Lead.list("email = ?1", oldestFirst, contact.email());
        }
        if (contact.phone() != null) {
            return Lead.list("phone = ?1", oldestFirst, contact.phone());
        }
        return Uni.createFrom().item(List.of());
    }

    public static MatchedOn matchedOn(Lead lead, NormalisedContact contact) {
        return MatchedOn.of(lead.email, lead.phone, contact.email(), contact.phone());
    }

    /**
     * Merges the submission into {@code survivor}: its data stays, its blank email, phone, company and country are
     * filled from the submission, and so is the rest of what it lacks ({@link MergeFill}); {@code updatedAt} becomes
     * {@code now}; the merge is recorded in lead_merge.
     */
    public Uni<Merge> merge(Lead survivor, NormalisedContact contact, Instant now, String mergedBy) {
        MatchedOn matchedOn = matchedOn(survivor, contact);
        Map<String, Object> filled = new LinkedHashMap<>();
        if (survivor.email == null && contact.email() != null) {
            survivor.email = contact.email();
            filled.put("email", contact.email());
        }
        if (survivor.phone == null && contact.phone() != null) {
            survivor.phone = contact.phone();
            filled.put("phone", contact.phone());
        }
        if (isBlank(survivor.company) && contact.company() != null) {
            survivor.company = contact.company();
            filled.put("company", contact.company());
        }
        if (survivor.country == null && contact.country() != null) {
            survivor.country = contact.country();
            filled.put("country", contact.country());
        }
        MergeFill.fill(survivor, contact.details(), filled);
        survivor.updatedAt = now;
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT_MERGE)
                .setParameter("id", UUID.randomUUID())
                .setParameter("leadId", survivor.id)
                .setParameter("matchedOn", matchedOn.name())
                .setParameter("source", contact.source())
                .setParameter("submission", json(submission(contact)))
                .setParameter("filled", json(filled))
                .setParameter("mergedAt", now)
                .setParameter("mergedBy", mergedBy)
                .executeUpdate())
                .replaceWith(new Merge(survivor, matchedOn, filled));
    }

    /** How many submissions were merged into the lead (in the caller's session). */
    public Uni<Long> mergeCount(UUID leadId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select count(*) from lead_merge where lead_id = :leadId", Long.class)
                .setParameter("leadId", leadId).getSingleResult());
    }

    /** Records that the new lead {@code lead} (already flushed) looks like each of {@code suspects}. */
    public Uni<Void> flag(Lead lead, List<Lead> suspects, Instant now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Lead suspect : suspects) {
            MatchedOn matchedOn = MatchedOn.of(lead.email, lead.phone, suspect.email, suspect.phone);
            chain = chain.chain(() -> Panache.getSession().chain(session -> session.createNativeQuery(INSERT_DUPLICATE)
                    .setParameter("leadId", lead.id)
                    .setParameter("suspectedId", suspect.id)
                    .setParameter("matchedOn", matchedOn.name())
                    .setParameter("detectedAt", now)
                    .executeUpdate())).replaceWithVoid();
        }
        return chain;
    }

    /** The lead's suspected duplicates (shared email or phone now, flagged pairs) and merge history; 404 if none. */
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
                             where id <> $1 and (email = $2 or phone = $3) order by created_at, id""")
                            .execute(Tuple.of(id, email, phone))
                            .invoke(shared -> shared.forEach(row -> {
                                MatchedOn on = MatchedOn.of(email, phone, row.getString("email"), row.getString("phone"));
                                suspects.computeIfAbsent(row.getUUID("id"), k -> new Suspect())
                                        .add(on, "shares its " + words(on) + " now");
                            }))
                            .chain(() -> pool.preparedQuery("""
                                    select case when lead_id = $1 then suspected_lead_id else lead_id end as other,
                                           lead_id = $1 as later, matched_on, detected_at
                                      from lead_duplicate where lead_id = $1 or suspected_lead_id = $1
                                     order by detected_at""").execute(Tuple.of(id)))
                            .invoke(flagged -> flagged.forEach(row -> {
                                MatchedOn on = MatchedOn.valueOf(row.getString("matched_on"));
                                String when = DateTimeFormatter.ISO_INSTANT.format(
                                        row.getOffsetDateTime("detected_at").toInstant());
                                suspects.computeIfAbsent(row.getUUID("other"), k -> new Suspect()).add(on,
                                        "flagged at " + when + " when " + (row.getBoolean("later") ? "this" : "that")
                                                + " lead was captured with the same " + words(on));
                            }))
                            .chain(() -> pool.preparedQuery("""
                                    select kind, matched_on, source, filled_fields::text as filled, merged_at, merged_by
                                      from lead_merge where lead_id = $1 order by merged_at, id""").execute(Tuple.of(id)))
                            .map(merges -> {
                                List<LeadDuplicatesView.Merge> history = new ArrayList<>();
                                merges.forEach(row -> history.add(new LeadDuplicatesView.Merge(row.getString("kind"),
                                        MatchedOn.valueOf(row.getString("matched_on")), row.getString("source"),
                                        fieldNames(row.getString("filled")),
                                        row.getOffsetDateTime("merged_at").toInstant(), row.getString("merged_by"))));
                                List<LeadDuplicatesView.Duplicate> duplicates = new ArrayList<>();
                                suspects.forEach((other, s) -> duplicates.add(s.view(other)));
                                return new LeadDuplicatesView(id, duplicates, history);
                            });
                });
    }

    /** Reasons gathered for one other lead. */
    private static final class Suspect {
        final Set<MatchedOn> on = new TreeSet<>();
        final Set<String> details = new LinkedHashSet<>();

        void add(MatchedOn matchedOn, String detail) {
            on.addAll(matchedOn.reasons());
            details.add(detail);
        }

        LeadDuplicatesView.Duplicate view(UUID other) {
            return new LeadDuplicatesView.Duplicate(other, List.copyOf(on), String.join("; ", details));
        }
    }

    private static String words(MatchedOn on) {
        return switch (on) {
            case EMAIL -> "email";
            case PHONE -> "phone";
            case EMAIL_AND_PHONE -> "email and phone";
        };
    }

    /** The submission as normalised, for the audit row (personal data: stays in capture-service). */
    private static Map<String, Object> submission(NormalisedContact contact) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("firstName", contact.firstName());
        fields.put("lastName", contact.lastName());
        fields.put("email", contact.email());
        fields.put("phone", contact.phone());
        fields.put("company", contact.company());
        fields.put("country", contact.country());
        fields.put("source", contact.source());
        fields.put("details", contact.details());
        fields.values().removeIf(v -> v == null);
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

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
