package io.leadstream.distribution.leads;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.leadstream.distribution.routing.LeadFacts;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * What distribution keeps about a lead to route it (table {@code lead_facts}): capture's attributes and scoring's
 * result, no personal data. Only the columns an event changed are written, so capture's and scoring's consumers do
 * not overwrite each other's.
 */
@Entity
@Table(name = "lead_facts")
@DynamicUpdate
public class KnownLead extends PanacheEntityBase {

    @Id
    public UUID leadId;
    /** Stored as a jsonb object: Hibernate Reactive maps JSON columns to objects, not top-level arrays. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Values products = new Values(List.of());
    public String segment;
    public String country;
    public String source;
    public String channel;
    public String campaign;
    public String partnerId;
    public String language;
    public String capturedBy;
    public Integer score;
    public String grade;
    public boolean qualified;
    public boolean scored;
    public Instant updatedAt;

    public record Values(List<String> items) {
        public Values {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /** The {@code n} leads most recently scored or changed, newest first. */
    public static Uni<List<KnownLead>> recentlyScored(int n) {
        return KnownLead.<KnownLead>find("scored = true", Sort.by("updatedAt").descending()).page(Page.ofSize(n)).list();
    }

    /** Those of the leads distribution knows, in no particular order. */
    public static Uni<List<KnownLead>> of(Collection<UUID> leadIds) {
        return KnownLead.<KnownLead>list("leadId in ?1", leadIds);
    }

    public LeadFacts facts() {
        return new LeadFacts(leadId, Set.copyOf(products.items()), segment, country, source, channel, campaign,
                partnerId, language, capturedBy, score, grade, qualified);
    }
}
