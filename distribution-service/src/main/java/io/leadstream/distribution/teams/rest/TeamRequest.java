package io.leadstream.distribution.teams.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.distribution.teams.TeamService;

/**
 * What an admin may set on a team, whole: a manager left out is cleared. The id is the path; members join by naming
 * the team on themselves (PUT /api/reps/{repId}); unknown fields are ignored.
 */
@Schema(name = "TeamRequest", description = "The whole team: a PUT replaces it; managerId left out is cleared.")
public record TeamRequest(
        @NotBlank @Size(max = 100) @Schema(description = "trimmed", examples = "Sales DACH") String displayName,
        @Pattern(regexp = TeamResource.ID, message = "must be a Keycloak username: " + TeamResource.ID_MESSAGE)
        @Schema(description = "the Keycloak username of the team's sales manager (escalations go to them); "
                + "null: none", examples = "manager1") String managerId) {

    TeamService.SaveTeam toCommand(String teamId) {
        return new TeamService.SaveTeam(teamId, displayName, managerId);
    }
}
