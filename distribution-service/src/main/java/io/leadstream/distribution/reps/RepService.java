package io.leadstream.distribution.reps;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Registering and reading sales reps. */
@ApplicationScoped
public class RepService {

    /** What an admin sets on a rep: its id (the Keycloak username), its name and whether it gets new leads. */
    public record SaveRep(String repId, String displayName, boolean active) {
    }

    /** The rep as stored, and whether this call created it. */
    public record Saved(Rep rep, boolean created) {
    }

    /** Reps sorted by id, and the id to continue after (null after the last rep). */
    public record Listing(List<Rep> reps, String nextCursor) {
    }

    private final RepRepository repository;

    public RepService(RepRepository repository) {
        this.repository = repository;
    }

    /** Creates or updates the rep; an unchanged rep keeps its {@code updatedAt} (repeating a PUT changes nothing). */
    @WithTransaction
    public Uni<Saved> save(SaveRep command) {
        String repId = command.repId();
        String displayName = command.displayName().strip();
        boolean active = command.active();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return repository.insertIfAbsent(repId, displayName, active, now)
                .chain(created -> Rep.<Rep>findById(repId, LockModeType.PESSIMISTIC_WRITE).map(rep -> {
                    if (!created && (!rep.displayName.equals(displayName) || rep.active != active)) {
                        rep.displayName = displayName;
                        rep.active = active;
                        rep.updatedAt = now;
                        Log.infof("updated rep %s (active: %s)", repId, active);
                    } else if (created) {
                        Log.infof("registered rep %s (active: %s)", repId, active);
                    }
                    return new Saved(rep, created);
                }));
    }

    @WithSession
    public Uni<Rep> find(String repId) {
        return Rep.<Rep>findById(repId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("rep", repId));
    }

    /** Up to {@code limit} reps sorted by id, after {@code cursor} (the last rep id of the previous page). */
    @WithSession
    public Uni<Listing> list(String cursor, int limit) {
        return Rep.listAfter(cursor, limit + 1).map(reps -> {
            List<Rep> items = reps.stream().limit(limit).toList();
            String next = reps.size() > limit ? items.get(items.size() - 1).repId : null;
            return new Listing(items, next);
        });
    }
}
