package io.leadstream.capture.access;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.inbox.MalformedEventException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * capture's copy of who owns a lead (lead_owner), kept from distribution's lead.assigned so that reps see the leads
 * assigned to them. An older assignment arriving late does not replace a newer one.
 */
@ApplicationScoped
public class LeadOwnership {

    /** Runs in the consumer's transaction (chassis dispatcher). */
    public Uni<Void> assigned(LeadAssignedEvent assigned) {
        if (assigned.leadId() == null || assigned.repId() == null || assigned.assignedAt() == null) {
            return Uni.createFrom().failure(new MalformedEventException("lead.assigned without leadId, repId or assignedAt"));
        }
        return LeadOwner.<LeadOwner>findById(assigned.leadId()).chain(owner -> {
            if (owner == null) {
                owner = new LeadOwner();
                owner.leadId = assigned.leadId();
            } else if (owner.assignedAt.isAfter(assigned.assignedAt())) {
                Log.infof("lead %s: ignored an assignment to %s older than the one to %s", assigned.leadId(),
                        assigned.repId(), owner.repId);
                return Uni.createFrom().voidItem();
            }
            owner.repId = assigned.repId();
            owner.assignedAt = assigned.assignedAt();
            return owner.persist().replaceWithVoid();
        });
    }
}
