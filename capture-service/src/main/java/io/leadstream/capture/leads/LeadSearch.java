package io.leadstream.capture.leads;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Lead search: filters, newest first, keyset pagination (see {@link LeadSearchRepository}); a sales rep's search is
 * bound to the leads assigned to them ({@link LeadSearchRepository.Criteria#owner()}).
 */
@ApplicationScoped
public class LeadSearch {

    private final LeadSearchRepository leads;

    public LeadSearch(LeadSearchRepository leads) {
        this.leads = leads;
    }

    @WithSession
    public Uni<LeadSearchRepository.Results> search(LeadSearchRepository.Criteria criteria) {
        return leads.search(criteria);
    }
}
