package io.leadstream.distribution.teams.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.distribution.teams.TeamService;

/** A sales team as the API shows it, with its members. */
@Schema(name = "Team")
public record TeamView(String teamId, String displayName,
        @Schema(description = "the Keycloak username of the team's sales manager; null: none", nullable = true)
        String managerId,
        @Schema(description = "the rep ids of its members, sorted (a rep joins with teamId on PUT /api/reps/{repId})")
        List<String> members,
        Instant createdAt, Instant updatedAt) {

    public static TeamView of(TeamService.Roster roster) {
        var team = roster.team();
        return new TeamView(team.teamId, team.displayName, team.managerId, roster.members(), team.createdAt,
                team.updatedAt);
    }
}
