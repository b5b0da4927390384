package io.leadstream.capture.access;

import io.leadstream.chassis.access.Viewer;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.capture.model.Lead;
import io.leadstream.chassis.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Finds a lead the viewer may see. A lead a rep may not see answers exactly like a lead that does not exist
 * (404), so reps cannot probe for other reps' leads.
 */
@ApplicationScoped
public class LeadAccess {

    /** The lead, or a 404 problem when there is none or the viewer may not see it. Needs a session. */
    public Uni<Lead> visible(UUID id, Viewer viewer) {
        return maySee(id, viewer).chain(may -> may ? Lead.findExisting(id)
                : Uni.createFrom().failure(ProblemException.notFound("lead", id)));
    }

    /**
     * Whether the viewer may see lead {@code id}: a viewer who sees all may; a rep only when it is assigned to them.
     * Needs a session.
     */
    public Uni<Boolean> maySee(UUID id, Viewer viewer) {
        if (viewer.seesAll()) {
            return Uni.createFrom().item(true);
        }
        if (id == null) {
            return Uni.createFrom().item(false);
        }
        return LeadOwner.<LeadOwner>findById(id).map(owner -> owner != null && owner.repId.equals(viewer.name()));
    }
}
