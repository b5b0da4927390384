package io.leadstream.distribution.assignments;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/**
 * Who works a lead and why. {@code repId} null: nobody was eligible and the lead waits, or it waits in a pull queue
 * ({@link #queued()}), or it is shared with a partner ({@link #shared()}).
 */
@Entity
@Table(name = "assignment")
public class Assignment extends PanacheEntityBase {

    @Id
    public UUID leadId;
    public String repId;
    public String strategy;
    /** The rule that decided (null: the assignment predates rules, or another step decided, e.g. a merge). */
    public String ruleName;
    public Integer ruleVersion;
    /** The rule's target, as {@code Target.key()}: {@code all-reps}, {@code team:emea}, {@code rep:alice}. */
    public String target;
    public String reason;
    /** Stored as a jsonb object: Hibernate Reactive maps JSON columns to objects, not top-level arrays. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Candidates candidates;
    public int score;
    public String grade;
    public Instant assignedAt;
    /** when the lead left the pipeline (nurture: won, lost, inactive); null while it is worked */
    public Instant closedAt;

    /** Those of the leads that a rep works. */
    public static Uni<List<Assignment>> heldOf(Collection<UUID> leadIds) {
        return Assignment.<Assignment>list("leadId in ?1 and repId is not null", leadIds);
    }

    /** Up to {@code n} leads waiting for routing (not in a queue) after {@code after} (null: from the start), by id. */
    public static Uni<List<Assignment>> waitingAfter(UUID after, int n) {
        // leads in a pull queue wait for a claim, those shared with a partner for its answer
        String waiting = "repId is null and (target is null or (target not like 'queue:%' and target not like 'partner:%'))";
        var query = after == null
                ? Assignment.<Assignment>find(waiting, io.quarkus.panache.common.Sort.by("leadId"))
                : Assignment.<Assignment>find(waiting + " and leadId > ?1", io.quarkus.panache.common.Sort.by("leadId"),
                        after);
        return query.page(io.quarkus.panache.common.Page.ofSize(n)).list();
    }

    /** Waiting in a pull queue for a rep to claim it. */
    public boolean queued() {
        return repId == null && target != null && target.startsWith("queue:");
    }

    /** Shared with a partner company (offered, or accepted and worked by the partner). */
    public boolean shared() {
        return repId == null && target != null && target.startsWith("partner:");
    }

    /** The partner the lead is shared with; null when it is not shared. */
    public String partnerId() {
        return shared() ? target.substring("partner:".length()) : null;
    }

    public boolean waiting() {
        return repId == null;
    }

    public record Candidates(List<Candidate> items) {
    }

    /** A rep considered for the lead, and why they were skipped (null: eligible). */
    public record Candidate(String repId, String skipped) {
    }
}
