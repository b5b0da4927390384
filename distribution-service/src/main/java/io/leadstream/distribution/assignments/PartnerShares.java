package io.leadstream.distribution.assignments;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/**
 * What assignment needs from partner sharing (package {@code shares}, which implements it): sharing depends on
 * assignment to route a declined or recalled lead again, so assignment reaches sharing only through this interface.
 * Every method runs in the caller's transaction.
 */
public interface PartnerShares {

    /** A rule shared the lead ({@code shared}: its assignment, target {@code partner:<id>}): open the share, announce it. */
    Uni<Void> offer(Assignment shared, Instant now);

    /** The partners that declined the lead or let a share of it lapse: the rules do not offer it to them again. */
    Uni<Set<String>> leftOut(UUID leadId);

    /** The lead's open share, if any, closes because it was {@code REASSIGNED} or {@code MERGED}; announced. */
    Uni<Void> close(UUID leadId, String reason, Instant now);

    /** The lead was erased: its shares go. */
    Uni<Void> erase(UUID leadId);
}
