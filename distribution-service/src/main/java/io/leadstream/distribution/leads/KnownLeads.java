package io.leadstream.distribution.leads;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * Keeps what routing reads about each lead from capture's and scoring's events; every method runs in the consumer's
 * transaction. A lead scoring reports before capture's event arrived gets a row with its score only; capture's
 * attributes fill it when they come.
 */
@ApplicationScoped
public class KnownLeads {

    /** What a lead.scored changed: the lead as now known, and whether it just became qualified. */
    public record Scored(KnownLead lead, boolean becameQualified) {
    }

    public Uni<KnownLead> find(UUID leadId) {
        return KnownLead.findById(leadId);
    }

    /** capture's lead.captured or lead.updated: its attributes replace those kept (null keeps source, partner, capturer). */
    public Uni<KnownLead> attributes(UUID leadId, LeadAttributes a, Instant at) {
        return findOrNew(leadId).chain(lead -> {
            if (a.source() != null) {
                lead.source = a.source();
            }
            if (a.partnerId() != null) {
                lead.partnerId = a.partnerId();
            }
            if (a.capturedBy() != null) {
                lead.capturedBy = a.capturedBy();
            }
            lead.country = a.country();
            lead.language = a.language();
            lead.products = new KnownLead.Values(a.products());
            lead.segment = a.segment();
            lead.campaign = a.campaignOrUtm();
            lead.channel = a.channel();
            lead.updatedAt = at;
            return lead.persist();
        });
    }

    /** scoring's lead.scored: the score, grade and qualified flag. */
    public Uni<Scored> scored(UUID leadId, int score, String grade, boolean qualified, Instant at) {
        return findOrNew(leadId).chain(lead -> {
            boolean became = qualified && !lead.qualified;
            lead.score = score;
            lead.grade = grade;
            lead.qualified = qualified;
            lead.scored = true;
            lead.updatedAt = at;
            return lead.<KnownLead>persist().map(saved -> new Scored(saved, became));
        });
    }

    /** The survivor of a merge takes the state capture reports (when it does); the merged lead is forgotten. */
    public Uni<Void> merged(UUID survivor, UUID merged, LeadAttributes survivorState, Instant at) {
        Uni<Void> keep = survivorState == null ? Uni.createFrom().voidItem()
                : attributes(survivor, survivorState, at).replaceWithVoid();
        return keep.chain(() -> KnownLead.deleteById(merged)).replaceWithVoid();
    }

    public Uni<Void> erased(UUID leadId) {
        return KnownLead.deleteById(leadId).replaceWithVoid();
    }

    private static Uni<KnownLead> findOrNew(UUID leadId) {
        return KnownLead.<KnownLead>findById(leadId).map(found -> {
            if (found != null) {
                return found;
            }
            KnownLead lead = new KnownLead();
            lead.leadId = leadId;
            return lead;
        });
    }
}
