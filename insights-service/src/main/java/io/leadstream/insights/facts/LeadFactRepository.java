package io.leadstream.insights.facts;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The {@code lead_fact} and {@code stage_entry} read models. Each event type upserts only its own columns (a lead's
 * events arrive on four topics in any order), so that a late, repeated or out-of-order event leaves the same row: a
 * "first" time is the least of those seen ({@code least} skips nulls), a "current" value is the newest event's, a
 * stage entered is a row once. Inside the consumer's transaction (chassis event dispatcher). The figures read it with
 * their own queries (summary's {@code SummaryRepository}).
 */
@ApplicationScoped
public class LeadFactRepository {

    /** Newest wins for the dimensions, by the time the event says they were true. */
    private static final String DIMENSIONS = """
            country = case when newer then excluded.country else lead_fact.country end,
            segment = case when newer then excluded.segment else lead_fact.segment end,
            campaign = case when newer then excluded.campaign else lead_fact.campaign end,
            products = case when newer then excluded.products else lead_fact.products end,
            dimensions_at = greatest(lead_fact.dimensions_at, excluded.dimensions_at)"""
            .replace("newer", "(lead_fact.dimensions_at is null or lead_fact.dimensions_at <= excluded.dimensions_at)");

    static final String CAPTURED = """
            insert into lead_fact (lead_id, source, captured_at, partner_id, country, segment, campaign, products,
                                   dimensions_at)
            values (:leadId, :source, :at, cast(:partner as text), cast(:country as text), cast(:segment as text),
                    cast(:campaign as text), cast(:products as text[]), :at)
            on conflict (lead_id) do update set source = excluded.source, captured_at = excluded.captured_at,
                partner_id = excluded.partner_id,
            """ + DIMENSIONS;

    static final String UPDATED = """
            insert into lead_fact (lead_id, country, segment, campaign, products, dimensions_at)
            values (:leadId, cast(:country as text), cast(:segment as text), cast(:campaign as text),
                    cast(:products as text[]), :at)
            on conflict (lead_id) do update set
            """ + DIMENSIONS;

    /** The newest score wins (a late, older one changes nothing); qualification is one-way: its first time stays. */
    static final String SCORED = """
            insert into lead_fact (lead_id, score, grade, scored_at, qualified_at)
            values (:leadId, :score, :grade, :at, cast(:qualifiedAt as timestamptz))
            on conflict (lead_id) do update set
                score = case when lead_fact.scored_at is null or lead_fact.scored_at <= excluded.scored_at
                        then excluded.score else lead_fact.score end,
                grade = case when lead_fact.scored_at is null or lead_fact.scored_at <= excluded.scored_at
                        then excluded.grade else lead_fact.grade end,
                scored_at = greatest(lead_fact.scored_at, excluded.scored_at),
                qualified_at = least(lead_fact.qualified_at, excluded.qualified_at)""";

    /** The owner is the newest writer's, by the time it gave (rep_at); a row from before rep_at existed: the next. */
    private static final String OWNER = """
            rep_id = case when lead_fact.rep_at is null or lead_fact.rep_at <= excluded.rep_at
                    then excluded.rep_id else lead_fact.rep_id end,
            rep_at = greatest(lead_fact.rep_at, excluded.rep_at)""";

    /**
     * lead.assigned and lead.claimed (a claim is a first assignment): assigned_at stays the first assignment
     * (speed-to-lead); rep_id follows the newest assignment, claim or reassignment.
     */
    static final String ASSIGNED = """
            insert into lead_fact (lead_id, rep_id, rep_at, assigned_at) values (:leadId, :repId, :at, :at)
            on conflict (lead_id) do update set assigned_at = least(lead_fact.assigned_at, excluded.assigned_at),
            """ + OWNER;

    /** The owner only: a reassignment is not an assignment (assigned_at, speed-to-lead and the count stay). */
    static final String REASSIGNED = """
            insert into lead_fact (lead_id, rep_id, rep_at) values (:leadId, :repId, :at)
            on conflict (lead_id) do update set
            """ + OWNER;

    static final String QUEUED = "insert into lead_fact (lead_id, queued_at) values (:leadId, :at) "
            + "on conflict (lead_id) do update set queued_at = least(lead_fact.queued_at, excluded.queued_at)";

    /** The first share and its partner. */
    static final String SHARED = """
            insert into lead_fact (lead_id, shared_at, shared_partner_id) values (:leadId, :at, :partner)
            on conflict (lead_id) do update set
                shared_partner_id = case when lead_fact.shared_at is null or excluded.shared_at < lead_fact.shared_at
                        then excluded.shared_partner_id else lead_fact.shared_partner_id end,
                shared_at = least(lead_fact.shared_at, excluded.shared_at)""";

    /**
     * The entry once, with when the lead left the stage (its earliest later entry, null while none); an entry that
     * arrives late is also the end of the one before it. Runs after {@link #STAGE}, whose row lock on the lead keeps
     * two transactions of one lead (a rebuild's last pass and a live consumer) from missing each other's entries.
     */
    static final String STAGE_ENTERED = """
            with entered as (
                insert into stage_entry (lead_id, stage, entered_at, left_at)
                values (:leadId, :stage, :at, (select min(x.entered_at) from stage_entry x
                                               where x.lead_id = :leadId and x.entered_at > :at))
                on conflict do nothing
                returning lead_id, entered_at)
            update stage_entry s set left_at = e.entered_at
            from entered e
            where s.lead_id = e.lead_id and s.entered_at < e.entered_at
              and (s.left_at is null or s.left_at > e.entered_at)""";

    /** Where the lead stands is the newest change's; contacted, won and lost are the first time it got there. */
    static final String STAGE = """
            insert into lead_fact (lead_id, stage, stage_at, furthest, contacted_at, won_at, lost_at)
            values (:leadId, :stage, :at, :rank, cast(:contacted as timestamptz), cast(:won as timestamptz),
                    cast(:lost as timestamptz))
            on conflict (lead_id) do update set
                furthest = greatest(lead_fact.furthest, excluded.furthest),
                stage = case when lead_fact.stage_at is null or lead_fact.stage_at <= excluded.stage_at
                        then excluded.stage else lead_fact.stage end,
                stage_at = greatest(lead_fact.stage_at, excluded.stage_at),
                contacted_at = least(lead_fact.contacted_at, excluded.contacted_at),
                won_at = least(lead_fact.won_at, excluded.won_at),
                lost_at = least(lead_fact.lost_at, excluded.lost_at)""";

    static final String TOUCHED = "insert into lead_fact (lead_id, first_touch_at) values (:leadId, :at) "
            + "on conflict (lead_id) do update set first_touch_at = least(lead_fact.first_touch_at, "
            + "excluded.first_touch_at)";

    /** The newest team named, by the time of the event that named it. */
    static final String TEAM = """
            insert into lead_fact (lead_id, team_id, team_at) values (:leadId, :team, :at)
            on conflict (lead_id) do update set
                team_id = case when lead_fact.team_at is null or lead_fact.team_at <= excluded.team_at
                        then excluded.team_id else lead_fact.team_id end,
                team_at = greatest(lead_fact.team_at, excluded.team_at)""";

    static final String SLA_BREACHED = "insert into lead_fact (lead_id, sla_breached_at) values (:leadId, :at) "
            + "on conflict (lead_id) do update set sla_breached_at = least(lead_fact.sla_breached_at, "
            + "excluded.sla_breached_at)";

    static final String MERGED_INTO = "insert into lead_fact (lead_id, merged_into) values (:leadId, :survivor) "
            + "on conflict (lead_id) do update set merged_into = excluded.merged_into";

    static final String ERASED = "insert into lead_fact (lead_id, erased_at) values (:leadId, :at) "
            + "on conflict (lead_id) do update set erased_at = least(lead_fact.erased_at, excluded.erased_at)";

    public Uni<Void> captured(UUID leadId, String source, Instant capturedAt, String partnerId, Dimensions d) {
        Map<String, Object> p = dimensions(leadId, d, capturedAt);
        p.put("source", source);
        p.put("partner", partnerId);
        return upsert(CAPTURED, p);
    }

    public Uni<Void> updated(UUID leadId, Dimensions d, Instant updatedAt) {
        return upsert(UPDATED, dimensions(leadId, d, updatedAt));
    }

    public Uni<Void> scored(UUID leadId, int score, String grade, Instant scoredAt, Instant qualifiedAt) {
        return upsert(SCORED, params("leadId", leadId, "score", score, "grade", grade, "at", scoredAt, "qualifiedAt",
                qualifiedAt));
    }

    public Uni<Void> assigned(UUID leadId, String repId, Instant assignedAt) {
        return upsert(ASSIGNED, params("leadId", leadId, "repId", repId, "at", assignedAt));
    }

    public Uni<Void> reassigned(UUID leadId, String repId, Instant reassignedAt) {
        return upsert(REASSIGNED, params("leadId", leadId, "repId", repId, "at", reassignedAt));
    }

    public Uni<Void> queued(UUID leadId, Instant queuedAt) {
        return upsert(QUEUED, params("leadId", leadId, "at", queuedAt));
    }

    public Uni<Void> shared(UUID leadId, String partnerId, Instant sharedAt) {
        return upsert(SHARED, params("leadId", leadId, "partner", partnerId, "at", sharedAt));
    }

    /**
     * The lead entered {@code stage} at {@code at}, {@code rank} along the main path; the milestones it reached then
     * (null: not one).
     */
    public Uni<Void> stageChanged(UUID leadId, String stage, int rank, Instant at, Instant contacted, Instant won,
            Instant lost) {
        return upsert(STAGE, params("leadId", leadId, "stage", stage, "rank", (short) rank, "at", at, "contacted",
                contacted, "won", won, "lost", lost))
                .chain(() -> upsert(STAGE_ENTERED, params("leadId", leadId, "stage", stage, "at", at)));
    }

    public Uni<Void> touched(UUID leadId, Instant at) {
        return upsert(TOUCHED, params("leadId", leadId, "at", at));
    }

    /** The lead was routed to {@code teamId} at {@code at}. */
    public Uni<Void> team(UUID leadId, String teamId, Instant at) {
        return upsert(TEAM, params("leadId", leadId, "team", teamId, "at", at));
    }

    public Uni<Void> slaBreached(UUID leadId, Instant breachedAt) {
        return upsert(SLA_BREACHED, params("leadId", leadId, "at", breachedAt));
    }

    public Uni<Void> mergedInto(UUID merged, UUID survivor) {
        return upsert(MERGED_INTO, params("leadId", merged, "survivor", survivor));
    }

    public Uni<Void> erased(UUID leadId, Instant erasedAt) {
        return upsert(ERASED, params("leadId", leadId, "at", erasedAt));
    }

    /** What a lead is broken down by, as capture last said. */
    public record Dimensions(String country, String segment, String campaign, List<String> products) {
    }

    private static Map<String, Object> dimensions(UUID leadId, Dimensions d, Instant at) {
        return params("leadId", leadId, "country", d.country(), "segment", d.segment(), "campaign", d.campaign(),
                "products", d.products() == null ? null : d.products().toArray(String[]::new), "at", at);
    }

    private static Map<String, Object> params(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** In the caller's transaction (the consumer's, from the chassis event dispatcher). */
    private static Uni<Void> upsert(String sql, Map<String, Object> parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            parameters.forEach(query::setParameter);
            return query.executeUpdate();
        }).replaceWithVoid();
    }
}
