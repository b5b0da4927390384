package io.leadstream.nurture.webhooks;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** The queries of {@code webhook_delivery} and {@code webhook_lead}; run in the caller's session or transaction. */
@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<WebhookDelivery, UUID> {

    /**
     * One delivery per subscription that wants the event: its name among the event types, and the lead passing the
     * filters as {@code webhook_lead} knows it; once per subscription and ce_id. A lead not known yet (its
     * {@code lead.captured} read later than this event, from another topic) is queued for a filtered subscription with
     * the filter pending, applied when the delivery is due ({@link #SETTLE_FILTERS}).
     */
    static final String ENQUEUE = """
            insert into webhook_delivery (id, subscription_id, event_id, event_type, lead_id, event_time, payload,
                                          filter_pending, status, attempts, next_attempt_at, created_at)
            select gen_random_uuid(), s.id, :eventId, :ceType, cast(:lead as text), :time, :payload,
                   l.lead_id is null and (s.filter_source is not null or s.filter_product is not null
                                          or s.filter_segment is not null),
                   'PENDING', 0, :due, :now
            from webhook_subscription s
            left join webhook_lead l on l.lead_id = cast(:leadUuid as uuid)
            where :name = any(s.event_types)
              and (l.lead_id is null
                   or (s.filter_source is null or s.filter_source = l.source)
                      and (s.filter_product is null or s.filter_product = any(l.products))
                      and (s.filter_segment is null or s.filter_segment = l.segment))
            on conflict (subscription_id, event_id) do nothing
            """;

    /** Whether the lead of delivery {@code d} passes the filters of subscription {@code s}, as known now. */
    private static final String PASSES = """
            exists (select 1 from webhook_lead l where l.lead_id::text = d.lead_id
                    and (s.filter_source is null or s.filter_source = l.source)
                    and (s.filter_product is null or s.filter_product = any(l.products))
                    and (s.filter_segment is null or s.filter_segment = l.segment))""";

    /**
     * Due deliveries whose filter was pending: dropped when the lead is known now and does not pass, or is still
     * unknown after {@code filter-wait}; the others lose the mark and go as any other.
     */
    static final String SETTLE_FILTERS = """
            with dropped as (
                delete from webhook_delivery d using webhook_subscription s
                where s.id = d.subscription_id and d.filter_pending and d.status = 'PENDING'
                  and d.next_attempt_at <= :now and not %s
                  and (d.created_at < :unknownBefore
                       or exists (select 1 from webhook_lead k where k.lead_id::text = d.lead_id))
                returning d.id)
            update webhook_delivery d set filter_pending = false from webhook_subscription s
            where s.id = d.subscription_id and d.filter_pending and d.status = 'PENDING'
              and d.next_attempt_at <= :now and %s and d.id not in (select id from dropped)
            """.formatted(PASSES, PASSES);

    /** A lead's filter attributes; an older event than the one they came from changes nothing. */
    static final String REMEMBER_LEAD = """
            insert into webhook_lead (lead_id, source, segment, products, changed_at)
            values (cast(:lead as uuid), cast(:source as text), cast(:segment as text),
                    array(select jsonb_array_elements_text(cast(cast(:products as text) as jsonb))), :at)
            on conflict (lead_id) do update set source = excluded.source, segment = excluded.segment,
                products = excluded.products, changed_at = excluded.changed_at
            where webhook_lead.changed_at <= excluded.changed_at
            """;

    /**
     * Due deliveries of active subscriptions, each the first of its lead still pending for its subscription (event
     * time, then arrival), locked; rows another pass holds are skipped, and so are the deliveries behind them.
     */
    static final String DUE = """
            select d.* from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id
            where d.status = 'PENDING' and s.status = 'ACTIVE' and d.next_attempt_at <= :now and not d.filter_pending
              and not exists (select 1 from webhook_delivery e where e.subscription_id = d.subscription_id
                              and e.lead_id = d.lead_id and e.status = 'PENDING'
                              and (e.event_time, e.seq) < (d.event_time, d.seq))
            order by d.next_attempt_at, d.seq limit :n
            for update of d skip locked
            """;

    static final String PURGE = """
            delete from webhook_delivery where id in (select id from webhook_delivery
                where status = 'DELIVERED' and delivered_at < :before limit 1000)
            """;

    /** Queues {@code event} for every subscription that wants it; answers how many deliveries were added. */
    public Uni<Integer> enqueue(String name, String ceType, String eventId, String lead, UUID leadUuid, Instant time,
            String payload, Instant due, Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery(ENQUEUE)
                .setParameter("eventId", eventId).setParameter("ceType", ceType).setParameter("lead", lead)
                .setParameter("leadUuid", leadUuid == null ? null : leadUuid.toString())
                .setParameter("time", utc(time)).setParameter("payload", payload).setParameter("due", utc(due))
                .setParameter("now", utc(now)).setParameter("name", name)
                .executeUpdate());
    }

    /** Keeps a lead's source, segment and products (the JSON array {@code productsJson}) as of {@code at}. */
    public Uni<Void> rememberLead(UUID lead, String source, String segment, String productsJson, Instant at) {
        return Panache.getSession().chain(s -> s.createNativeQuery(REMEMBER_LEAD)
                .setParameter("lead", lead.toString()).setParameter("source", source)
                .setParameter("segment", segment).setParameter("products", productsJson)
                .setParameter("at", utc(at)).executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> forgetLead(UUID lead) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from webhook_lead where lead_id = :lead")
                .setParameter("lead", lead).executeUpdate()).replaceWithVoid();
    }

    /** Applies the filters left pending (see {@link #SETTLE_FILTERS}); answers how many rows changed. */
    public Uni<Integer> settleFilters(Instant now, Instant unknownBefore) {
        return Panache.getSession().chain(s -> s.createNativeQuery(SETTLE_FILTERS).setParameter("now", utc(now))
                .setParameter("unknownBefore", utc(unknownBefore)).executeUpdate());
    }

    /** Up to {@code n} due deliveries, locked for the caller's transaction. */
    public Uni<List<WebhookDelivery>> due(Instant now, int n) {
        return Panache.getSession().chain(s -> s.createNativeQuery(DUE, WebhookDelivery.class)
                .setParameter("now", utc(now)).setParameter("n", n).getResultList());
    }

    /** A page of a subscription's log, newest first: deliveries before {@code beforeSeq} (all when null). */
    public Uni<List<WebhookDelivery>> log(UUID subscription, WebhookDelivery.Status status, Long beforeSeq, int n) {
        StringBuilder q = new StringBuilder("subscriptionId = :subscription");
        io.quarkus.panache.common.Parameters p = io.quarkus.panache.common.Parameters.with("subscription",
                subscription);
        if (status != null) {
            q.append(" and status = :status");
            p = p.and("status", status);
        }
        if (beforeSeq != null) {
            q.append(" and seq < :before");
            p = p.and("before", beforeSeq);
        }
        return find(q + " order by seq desc", p).page(0, n).list();
    }

    /** A resumed subscription's pending deliveries are due now, each with a new retry window. */
    public Uni<Integer> resume(UUID subscription, Instant now) {
        return update("firstAttemptAt = null, nextAttemptAt = ?2 where subscriptionId = ?1 and status = ?3",
                subscription, now, WebhookDelivery.Status.PENDING);
    }

    /** Deletes up to 1000 rows delivered before {@code before}; answers how many. */
    public Uni<Integer> purge(Instant before) {
        return Panache.getSession().chain(s -> s.createNativeQuery(PURGE).setParameter("before", utc(before))
                .executeUpdate());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
