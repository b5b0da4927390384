package io.leadstream.distribution.reps;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.distribution.teams.Team;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Registering and reading sales reps. */
@ApplicationScoped
public class RepService {

    /** The most a rep's daily capacity or maximum of open leads may be. */
    public static final int MAX_CAPACITY = 10_000;

    /**
     * What an admin sets on a rep, whole: its id (the Keycloak username), its name, whether it gets new leads, its
     * team, what it covers, its limits and when it works. A null list is empty; null numbers and hours are unset.
     * As given: {@link RepSettings} checks and normalises it.
     */
    public record SaveRep(String repId, String displayName, boolean active, String teamId, List<String> products,
            List<String> segments, List<String> territories, List<String> languages, Integer dailyCapacity,
            Integer maxOpenLeads, Rep.Hours workingHours, List<Rep.Absence> outOfOffice) {
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

    /**
     * Creates or replaces the rep with what the command sets (a field it leaves out is cleared). A 400 problem names
     * every offending field, an unknown team as {@code teamId}. An unchanged rep keeps its {@code updatedAt}:
     * repeating a PUT changes nothing.
     */
    @WithTransaction
    public Uni<Saved> save(SaveRep command) {
        String repId = command.repId();
        List<FieldError> errors = new ArrayList<>();
        RepSettings settings = RepSettings.normalise(command, errors);
        Uni<Boolean> teamExists = settings.teamId() == null ? Uni.createFrom().item(true)
                : Team.<Team>findById(settings.teamId()).map(team -> team != null);
        return teamExists.chain(exists -> {
            if (!exists) {
                errors.add(new FieldError("teamId", "no such team"));
            }
            if (!errors.isEmpty()) {
                return Uni.createFrom().failure(ProblemException.badRequest("validation",
                        errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors));
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return repository.insertIfAbsent(repId, settings.displayName(), settings.active(), now)
                    .chain(created -> Rep.<Rep>findById(repId, LockModeType.PESSIMISTIC_WRITE).map(rep -> {
                        if (!rep.settings().equals(settings)) {
                            rep.apply(settings);
                            if (!created) {
                                rep.updatedAt = now;
                                Log.infof("updated rep %s (active: %s, team: %s)", repId, settings.active(),
                                        settings.teamId());
                            }
                        }
                        if (created) {
                            Log.infof("registered rep %s (active: %s, team: %s)", repId, settings.active(),
                                    settings.teamId());
                        }
                        return new Saved(rep, created);
                    }));
        });
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
