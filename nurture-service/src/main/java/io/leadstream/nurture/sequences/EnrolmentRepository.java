package io.leadstream.nurture.sequences;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** The queries of {@code enrolment}; run in the caller's session (and transaction, for the writes). */
@ApplicationScoped
public class EnrolmentRepository implements PanacheRepositoryBase<Enrolment, UUID> {

    /** The most a lead's enrolments list shows. */
    public static final int MAX_OF_LEAD = 100;

    static final String DUE = """
            select * from enrolment
            where state = 'ACTIVE' and next_due_at <= :now
            order by next_due_at
            limit :n
            for update skip locked""";

    /** Up to {@code n} active enrolments whose next step is due at {@code now}, locked (others' locks skipped). */
    public Uni<List<Enrolment>> due(Instant now, int n) {
        return Panache.getSession().chain(session -> session.createNativeQuery(DUE, Enrolment.class)
                .setParameter("now", now).setParameter("n", n).getResultList());
    }

    /** The lead's enrolments, newest first (at most {@link #MAX_OF_LEAD}). */
    public Uni<List<Enrolment>> ofLead(UUID leadId) {
        return find("leadId", Sort.by("enrolledAt").descending().and("id"), leadId).page(0, MAX_OF_LEAD).list();
    }

    public Uni<Enrolment> ofLead(UUID leadId, UUID enrolmentId) {
        return find("id = ?1 and leadId = ?2", enrolmentId, leadId).firstResult();
    }

    /** The lead's active enrolments. */
    public Uni<List<Enrolment>> activeOf(UUID leadId) {
        return list("leadId = ?1 and state = ?2", leadId, EnrolmentState.ACTIVE);
    }

    /** Whether the lead is in the sequence now. */
    public Uni<Boolean> isActive(UUID leadId, UUID sequenceId) {
        return count("leadId = ?1 and sequenceId = ?2 and state = ?3", leadId, sequenceId, EnrolmentState.ACTIVE)
                .map(n -> n > 0);
    }

    /** Whether the lead was ever in the sequence (a sequence enrols a lead by itself only once). */
    public Uni<Boolean> wasEver(UUID leadId, UUID sequenceId) {
        return count("leadId = ?1 and sequenceId = ?2", leadId, sequenceId).map(n -> n > 0);
    }

    /** The lead was erased: the errors its steps met go (a channel's refusal may quote the address). */
    public Uni<Integer> forgetErrors(UUID leadId) {
        return update("lastError = null where leadId = ?1", leadId);
    }

    /** Moves every enrolment of {@code from} to {@code to} (a manual merge; {@code from}'s active ones ended first). */
    public Uni<Integer> move(UUID from, UUID to) {
        return update("leadId = ?1 where leadId = ?2", to, from);
    }
}
