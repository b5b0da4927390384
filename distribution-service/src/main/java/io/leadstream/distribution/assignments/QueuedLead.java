package io.leadstream.distribution.assignments;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** A lead waiting in a pull queue for a rep to claim it (table {@code queued_lead}). */
@Entity
@Table(name = "queued_lead")
public class QueuedLead extends PanacheEntityBase {

    /** Best first: the highest score, then the longest waiting. */
    public static final Sort BEST_FIRST = Sort.by("score", Sort.Direction.Descending).and("queuedAt").and("leadId");

    @Id
    public UUID leadId;
    public String queue;
    public int score;
    public String grade;
    public String ruleName;
    public Integer ruleVersion;
    public Instant queuedAt;

    /** Up to {@code n} leads of the queue, best first, from {@code offset}. */
    public static Uni<List<QueuedLead>> inQueue(String queue, int offset, int n) {
        return QueuedLead.<QueuedLead>find("queue", BEST_FIRST, queue).range(offset, offset + n - 1).list();
    }
}
