package io.leadstream.distribution.shares;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** The partner shares' queries; in the caller's session. */
@ApplicationScoped
public class ShareRepository {

    static final String OPEN = "leadId = ?1 and state in ('OFFERED', 'ACCEPTED')";
    /** The recall pass: offered shares past their deadline that no one else (an accepting partner) holds. */
    static final String DUE = "select * from partner_share where state = 'OFFERED' and deadline <= :now "
            + "order by deadline, share_id limit :n for update skip locked";

    /** The lead's open share (offered or accepted), locked for the caller's transaction; null when none. */
    public Uni<PartnerShare> openOf(UUID leadId) {
        return PartnerShare.<PartnerShare>find(OPEN, leadId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /**
     * The partner's share of the lead: the open one (locked), else its latest; null when the partner was never
     * offered the lead.
     */
    public Uni<PartnerShare> ofPartner(String partnerId, UUID leadId) {
        return PartnerShare.<PartnerShare>find(OPEN + " and partnerId = ?2", leadId, partnerId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .chain(open -> open != null ? Uni.createFrom().item(open)
                        : PartnerShare.<PartnerShare>find("leadId = ?1 and partnerId = ?2",
                                Sort.by("sharedAt").descending(), leadId, partnerId).firstResult());
    }

    /** A page of the partner's shares, newest first. */
    public Uni<List<PartnerShare>> inbox(String partnerId, int offset, int limit) {
        return PartnerShare.<PartnerShare>find("partnerId", Sort.by("sharedAt").descending().and("shareId"), partnerId)
                .range(offset, offset + limit - 1).list();
    }

    /** Up to {@code n} offered shares past their deadline, locked; those another transaction holds are skipped. */
    public Uni<List<PartnerShare>> dueForRecall(Instant now, int n) {
        return Panache.getSession().chain(session -> session.createNativeQuery(DUE, PartnerShare.class)
                .setParameter("now", now).setParameter("n", n).getResultList());
    }

    /** The partners that declined the lead or let a share of it lapse. */
    public Uni<Set<String>> leftOut(UUID leadId) {
        return Panache.getSession().chain(session -> session.createSelectionQuery("select distinct s.partnerId from "
                + "PartnerShare s where s.leadId = :lead and s.closeReason in ('DECLINED', 'DEADLINE')", String.class)
                .setParameter("lead", leadId).getResultList())
                .map(HashSet::new);
    }

    public Uni<Void> erase(UUID leadId) {
        return PartnerShare.delete("leadId", leadId).replaceWithVoid();
    }
}
