package io.leadstream.distribution.reps.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.distribution.reps.RepService;

/** One page of reps, sorted by rep id. */
@Schema(name = "RepPage")
public record RepPage(List<RepView> items,
        @Schema(description = "pass as cursor to get the next page; null on the last page", nullable = true)
        String nextCursor) {

    public static RepPage of(RepService.Listing listing) {
        return new RepPage(listing.reps().stream().map(RepView::of).toList(), listing.nextCursor());
    }
}
