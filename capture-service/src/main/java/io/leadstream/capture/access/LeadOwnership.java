package io.leadstream.capture.access;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.inbox.MalformedEventException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * capture's copy of who owns a lead (lead_owner), kept from distribution's lead.assigned, lead.claimed and
 * lead.reassigned so that reps see the leads assigned to them or claimed from a queue, and no longer see a lead moved
 * to another rep or shared with a partner company (lead.shared). The three events say the same thing here (this rep owns the lead since then), so they are applied
 * alike: an older one arriving late does not replace a newer one, whichever of the three each is.
 */
@ApplicationScoped
public class LeadOwnership {

    /** Runs in the consumer's transaction (chassis dispatcher), as do {@link #claimed} and {@link #reassigned}. */
    public Uni<Void> assigned(LeadAssignedEvent assigned) {
        if (assigned.leadId() == null || assigned.repId() == null || assigned.assignedAt() == null) {
            return Uni.createFrom().failure(new MalformedEventException("lead.assigned without leadId, repId or assignedAt"));
        }
        return own(assigned.leadId(), assigned.repId(), assigned.assignedAt(), "an assignment");
    }

    /**
     * A rep claimed the lead from a pull queue: its first assignment, as lead.assigned is for a pushed lead, so the
     * claimer owns it since {@code claimedAt}.
     */
    public Uni<Void> claimed(LeadClaimedEvent claimed) {
        if (claimed.leadId() == null || claimed.repId() == null || claimed.claimedAt() == null) {
            return Uni.createFrom().failure(new MalformedEventException("lead.claimed without leadId, repId or claimedAt"));
        }
        return own(claimed.leadId(), claimed.repId(), claimed.claimedAt(), "a claim");
    }

    /** The lead was moved to {@code repId}: the previous rep loses it, the new one gets it. */
    public Uni<Void> reassigned(LeadReassignedEvent reassigned) {
        if (reassigned.leadId() == null || reassigned.repId() == null || reassigned.reassignedAt() == null) {
            return Uni.createFrom().failure(
                    new MalformedEventException("lead.reassigned without leadId, repId or reassignedAt"));
        }
        return own(reassigned.leadId(), reassigned.repId(), reassigned.reassignedAt(), "a reassignment");
    }

    /**
     * The lead was offered to a partner company: the rep who had it no longer works it and no longer sees it (a
     * manager may share a lead a rep held). An ownership newer than the share stays.
     */
    public Uni<Void> shared(LeadSharedEvent shared) {
        if (shared.leadId() == null || shared.sharedAt() == null) {
            return Uni.createFrom().failure(new MalformedEventException("lead.shared without leadId or sharedAt"));
        }
        return LeadOwner.<LeadOwner>findById(shared.leadId()).chain(owner -> {
            if (owner == null || owner.assignedAt.isAfter(shared.sharedAt())) {
                return Uni.createFrom().voidItem();
            }
            Log.infof("lead %s: shared with a partner; %s no longer owns it", shared.leadId(), owner.repId);
            return owner.delete();
        });
    }

    private Uni<Void> own(UUID leadId, String repId, Instant since, String what) {
        return LeadOwner.<LeadOwner>findById(leadId).chain(owner -> {
            if (owner == null) {
                owner = new LeadOwner();
                owner.leadId = leadId;
            } else if (owner.assignedAt.isAfter(since)) {
                Log.infof("lead %s: ignored %s to %s older than the one to %s", leadId, what, repId, owner.repId);
                return Uni.createFrom().voidItem();
            }
            owner.repId = repId;
            owner.assignedAt = since;
            return owner.persist().replaceWithVoid();
        });
    }
}
