package io.leadstream.distribution.teams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The {@code team} table's SQL that Panache's finders on {@link Team} cannot express, and a team's members. Members
 * are read from {@code rep.team_id} with SQL rather than through the reps feature's entity: reps depend on teams (a
 * rep names its team), so teams must not depend on reps.
 */
@ApplicationScoped
public class TeamRepository {

    /** Creates the team unless it exists, atomically: two concurrent PUTs of a new team never collide. */
    static final String INSERT_IF_ABSENT = "insert into team (team_id, display_name, manager_id, created_at, updated_at) "
            + "values (:teamId, :displayName, :managerId, :now, :now) on conflict (team_id) do nothing";

    /**
     * The members of the teams whose ids lie between {@code first} and {@code last} (inclusive, byte-wise as the
     * {@code collate "C"} columns compare): a page of teams is such a range, so one query reads all their members.
     */
    static final String MEMBERS_BETWEEN = "select team_id, rep_id from rep where team_id >= :first and team_id <= :last "
            + "order by team_id, rep_id";

    /** In the caller's transaction: true when the team was created, false when it existed already (left as it was). */
    public Uni<Boolean> insertIfAbsent(String teamId, String displayName, String managerId, Instant now) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT_IF_ABSENT)
                        .setParameter("teamId", teamId)
                        .setParameter("displayName", displayName)
                        .setParameter("managerId", managerId)
                        .setParameter("now", now)
                        .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /**
     * The rep ids of each team from {@code first} to {@code last} (team ids, inclusive), sorted; a team without
     * members is not in the map.
     */
    public Uni<Map<String, List<String>>> membersBetween(String first, String last) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(MEMBERS_BETWEEN, Object[].class)
                        .setParameter("first", first)
                        .setParameter("last", last)
                        .getResultList())
                .map(rows -> {
                    Map<String, List<String>> members = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        members.computeIfAbsent((String) row[0], team -> new ArrayList<>()).add((String) row[1]);
                    }
                    return members;
                });
    }
}
