package io.leadstream.nurture.followups;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** The queries of {@code follow_up}; run in the caller's session (and transaction, for the writes and locks). */
@ApplicationScoped
public class FollowUpRepository implements PanacheRepositoryBase<FollowUp, UUID> {

    /** Open follow-ups past their due time that were not reminded of, oldest first; skips rows another pass holds. */
    static final String TO_REMIND = "select * from follow_up where completed_at is null and reminded_at is null "
            + "and due_at <= :now order by due_at, id limit :n for update skip locked";
    /** Reminded, still open follow-ups whose email did not go out yet, the least tried first (an owner without an
     * address never holds the others up); skips rows another pass holds. */
    static final String TO_MAIL = "select * from follow_up where reminded_at is not null and reminder_mailed_at is null "
            + "and completed_at is null order by reminder_mail_tries, reminded_at, id limit :n for update skip locked";

    /** The follow-up locked for the caller's transaction, or null. */
    public Uni<FollowUp> locked(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Up to {@code limit} follow-ups of {@code owner} in {@code state} at {@code now}, by due time (then id), after
     * {@code after} (null: from the first).
     */
    public Uni<List<FollowUp>> page(String owner, FollowUpState state, Instant now, FollowUpCursor after, int limit) {
        String where = switch (state) {
            case DUE -> "completedAt is null and dueAt >= :now";
            case OVERDUE -> "completedAt is null and dueAt < :now";
            case DONE -> "completedAt is not null";
        };
        Parameters params = Parameters.with("owner", owner);
        if (state != FollowUpState.DONE) {
            params = params.and("now", now);
        }
        if (after != null) {
            where += " and (dueAt > :at or (dueAt = :at and id > :id))";
            params = params.and("at", after.dueAt()).and("id", after.id());
        }
        return find("owner = :owner and " + where + " order by dueAt, id", params).range(0, limit - 1).list();
    }

    public Uni<List<FollowUp>> toRemind(Instant now, int n) {
        return Panache.getSession().chain(session -> session.createNativeQuery(TO_REMIND, FollowUp.class)
                .setParameter("now", now).setParameter("n", n).getResultList());
    }

    public Uni<List<FollowUp>> toMail(int n) {
        return Panache.getSession().chain(session -> session.createNativeQuery(TO_MAIL, FollowUp.class)
                .setParameter("n", n).getResultList());
    }

    /** Deletes every follow-up of the lead (notes and outcomes with them); answers how many. */
    public Uni<Long> deleteOfLead(UUID leadId) {
        return delete("leadId", leadId);
    }

    /**
     * The lead's open follow-ups owned by {@code from} are {@code to}'s from now on; one already reminded of whose
     * email went to {@code from} is mailed to {@code to} by the next pass. Answers how many moved.
     */
    public Uni<Integer> handOver(UUID leadId, String from, String to) {
        return update("owner = ?3, reminderMailedAt = null, reminderMailTries = 0 where leadId = ?1 and owner = ?2 "
                + "and completedAt is null", leadId, from, to);
    }

    /** The follow-ups with these ids (any lead), for the timeline. */
    public Uni<List<FollowUp>> byIds(List<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", ids);
    }

    /** Moves every follow-up of {@code from} to {@code to}; answers how many. */
    public Uni<Integer> move(UUID from, UUID to) {
        return update("leadId = ?1 where leadId = ?2", to, from);
    }
}
