package io.leadstream.distribution.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of reps, sorted by rep id. */
@Schema(name = "RepPage")
public record RepPage(List<RepView> items,
        @Schema(description = "pass as cursor to get the next page; null on the last page", nullable = true)
        String nextCursor) {
}
