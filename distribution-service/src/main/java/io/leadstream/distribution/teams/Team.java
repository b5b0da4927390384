package io.leadstream.distribution.teams;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * A sales team: reps belong to at most one (a rep names its team, {@code rep.team_id}); its sales manager is told
 * when the team's leads need escalating. Teams are renamed, never deleted.
 */
@Entity
@Table(name = "team")
public class Team extends PanacheEntityBase {

    @Id
    public String teamId;
    public String displayName;
    /** the Keycloak username of the team's sales manager (not a rep), or null */
    public String managerId;
    public Instant createdAt;
    public Instant updatedAt;

    /** Those of the team ids that exist. */
    public static Uni<Set<String>> existing(Collection<String> teamIds) {
        return Team.<Team>list("teamId in ?1", teamIds)
                .map(found -> found.stream().map(t -> t.teamId).collect(Collectors.toSet()));
    }

    /** Up to {@code limit} teams after {@code afterTeamId} (null: from the start), sorted by team id. */
    public static Uni<List<Team>> listAfter(String afterTeamId, int limit) {
        var query = afterTeamId == null ? Team.<Team>findAll(Sort.by("teamId"))
                : Team.<Team>find("teamId > ?1", Sort.by("teamId"), afterTeamId);
        return query.page(Page.ofSize(limit)).list();
    }
}
