package io.leadstream.distribution.teams;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.leadstream.chassis.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Creating, renaming and reading sales teams. Reps join a team by naming it (PUT /api/reps/{repId}). */
@ApplicationScoped
public class TeamService {

    /** What an admin sets on a team, whole: its id, its name and its sales manager (null: none). */
    public record SaveTeam(String teamId, String displayName, String managerId) {
    }

    /** A team and the ids of its reps, sorted. */
    public record Roster(Team team, List<String> members) {
    }

    /** The team as stored with its members, and whether this call created it. */
    public record Saved(Roster roster, boolean created) {
    }

    /** Teams sorted by id with their members, and the id to continue after (null after the last team). */
    public record Listing(List<Roster> teams, String nextCursor) {
    }

    private final TeamRepository repository;

    public TeamService(TeamRepository repository) {
        this.repository = repository;
    }

    /**
     * Creates or replaces the team (a manager left out is cleared). An unchanged team keeps its {@code updatedAt}:
     * repeating a PUT changes nothing.
     */
    @WithTransaction
    public Uni<Saved> save(SaveTeam command) {
        String teamId = command.teamId();
        String displayName = command.displayName().strip();
        String managerId = command.managerId() == null || command.managerId().isBlank() ? null
                : command.managerId().strip();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return repository.insertIfAbsent(teamId, displayName, managerId, now)
                .chain(created -> Team.<Team>findById(teamId, LockModeType.PESSIMISTIC_WRITE).map(team -> {
                    if (!created && (!team.displayName.equals(displayName)
                            || !Objects.equals(team.managerId, managerId))) {
                        team.displayName = displayName;
                        team.managerId = managerId;
                        team.updatedAt = now;
                        Log.infof("updated team %s (manager: %s)", teamId, managerId);
                    } else if (created) {
                        Log.infof("created team %s (manager: %s)", teamId, managerId);
                    }
                    return team;
                }).chain(team -> roster(team).map(roster -> new Saved(roster, created))));
    }

    /** The team with its members, or a 404 problem. */
    @WithSession
    public Uni<Roster> find(String teamId) {
        return Team.<Team>findById(teamId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("team", teamId))
                .chain(this::roster);
    }

    /** Up to {@code limit} teams sorted by id with their members, after {@code cursor} (the previous page's last id). */
    @WithSession
    public Uni<Listing> list(String cursor, int limit) {
        return Team.listAfter(cursor, limit + 1).chain(teams -> {
            List<Team> items = teams.stream().limit(limit).toList();
            String next = teams.size() > limit ? items.get(items.size() - 1).teamId : null;
            if (items.isEmpty()) {
                return Uni.createFrom().item(new Listing(List.of(), null));
            }
            return repository.membersBetween(items.get(0).teamId, items.get(items.size() - 1).teamId)
                    .map(members -> new Listing(items.stream()
                            .map(team -> new Roster(team, List.copyOf(members.getOrDefault(team.teamId, List.of()))))
                            .toList(), next));
        });
    }

    private Uni<Roster> roster(Team team) {
        return repository.membersBetween(team.teamId, team.teamId)
                .map(members -> new Roster(team, List.copyOf(members.getOrDefault(team.teamId, List.of()))));
    }
}
