package io.leadstream.nurture.notifications;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** The queries of {@code notice}; run in the caller's session (and transaction, for the writes and locks). */
@ApplicationScoped
public class NoticeRepository implements PanacheRepositoryBase<NoticeRecord, UUID> {

    /** A notice once: the same lead, kind, recipient and event time again (a redelivered event) is no row. */
    static final String RECORD_ONCE = """
            insert into notice (id, lead_id, recipient, kind, occurred_at, other_rep, sla_kind, created_at)
            values (:id, :lead, :recipient, :kind, :at, :other, :sla, :now)
            on conflict (lead_id, kind, recipient, occurred_at) do nothing
            """;

    /** Notices whose email has not gone out and that were tried fewer than {@code :max} times, the least tried first
     * (a recipient without an address never holds the others up); skips rows another pass holds. */
    static final String TO_MAIL = "select * from notice where mailed_at is null and tries < :max "
            + "order by tries, created_at, id limit :n for update skip locked";

    /** A merged lead's notices not mailed yet go to its survivor (but for one the survivor has already, as twins). */
    static final String MOVE_PENDING = """
            update notice n set lead_id = :survivor where n.lead_id = :merged and n.mailed_at is null
            and not exists (select 1 from notice o where o.lead_id = :survivor and o.kind = n.kind
                            and o.recipient = n.recipient and o.occurred_at = n.occurred_at)
            """;

    /** Writes the notice unless it is there already; answers whether it was new. */
    public Uni<Boolean> recordOnce(Notice n, Instant occurredAt, Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery(RECORD_ONCE)
                .setParameter("id", UUID.randomUUID()).setParameter("lead", n.leadId())
                .setParameter("recipient", n.recipient()).setParameter("kind", n.kind().name())
                .setParameter("at", utc(occurredAt)).setParameter("other", n.otherRep())
                .setParameter("sla", n.slaKind()).setParameter("now", utc(now))
                .executeUpdate())
                .map(rows -> rows > 0);
    }

    /** Moves {@code merged}'s notices not mailed yet to {@code survivor}; answers how many. */
    public Uni<Integer> movePending(UUID merged, UUID survivor) {
        return Panache.getSession().chain(s -> s.createNativeQuery(MOVE_PENDING).setParameter("merged", merged)
                .setParameter("survivor", survivor).executeUpdate());
    }

    /** Up to {@code n} notices still to mail, locked for the caller's transaction. */
    public Uni<List<NoticeRecord>> toMail(int max, int n) {
        return Panache.getSession().chain(session -> session.createNativeQuery(TO_MAIL, NoticeRecord.class)
                .setParameter("max", max).setParameter("n", n).getResultList());
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
