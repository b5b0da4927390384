package io.leadstream.distribution.assignments;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** One step of a lead's assignment history (table {@code assignment_history}); never changed once written. */
@Entity
@Table(name = "assignment_history")
public class AssignmentEntry extends PanacheEntityBase {

    public enum Kind {
        /** the rules gave the lead to a rep */
        ASSIGNED,
        /** nobody was eligible; the lead waits */
        WAITING,
        /** a rule sent the lead to a pull queue */
        QUEUED,
        /** a rep claimed the lead from a queue */
        CLAIMED,
        /** a manager, or the rules when the lead qualified, moved it to another rep */
        REASSIGNED,
        /** the survivor of a merge took the merged lead's rep */
        KEPT_ON_MERGE,
        /** the rep missed the SLA and was reminded */
        SLA_REMINDED,
        /** the rep missed the SLA and the team's manager was told */
        SLA_ESCALATED,
        /** a rule or a manager shared the lead with a partner company */
        SHARED,
        /** the partner accepted the share and works the lead */
        SHARE_ACCEPTED,
        /** the share ended without the partner taking the lead: declined, or recalled at its deadline */
        SHARE_RECALLED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public UUID leadId;
    public String kind;
    public String repId;
    public String previousRepId;
    public String ruleName;
    public Integer ruleVersion;
    public String strategy;
    public String reason;
    @JdbcTypeCode(SqlTypes.JSON)
    public Assignment.Candidates candidates;
    public String actor;
    public Instant at;

    /** The entry recording {@code a} as it now stands. */
    public static AssignmentEntry of(Assignment a, Kind kind, String previousRepId, String actor) {
        AssignmentEntry e = new AssignmentEntry();
        e.leadId = a.leadId;
        e.kind = kind.name();
        e.repId = a.repId;
        e.previousRepId = previousRepId;
        e.ruleName = a.ruleName;
        e.ruleVersion = a.ruleVersion;
        e.strategy = a.strategy;
        e.reason = a.reason;
        e.candidates = a.candidates;
        e.actor = actor;
        e.at = a.assignedAt;
        return e;
    }

    /** The lead's history, oldest first. */
    public static Uni<List<AssignmentEntry>> of(UUID leadId) {
        return AssignmentEntry.<AssignmentEntry>list("leadId", Sort.by("id"), leadId);
    }
}
