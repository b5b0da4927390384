package io.leadstream.distribution.teams.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.distribution.teams.TeamService;

/** One page of teams, sorted by team id. */
@Schema(name = "TeamPage")
public record TeamPage(List<TeamView> items,
        @Schema(description = "pass as cursor to get the next page; null on the last page", nullable = true)
        String nextCursor) {

    public static TeamPage of(TeamService.Listing listing) {
        return new TeamPage(listing.teams().stream().map(TeamView::of).toList(), listing.nextCursor());
    }
}
