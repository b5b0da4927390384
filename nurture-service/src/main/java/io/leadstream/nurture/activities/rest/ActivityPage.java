package io.leadstream.nurture.activities.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.activities.ActivityService;

/** One page of a lead's activities, newest first. */
@Schema(name = "ActivityPage")
public record ActivityPage(List<ActivityView> items,
        @Schema(description = "pass as cursor to get the next page; null on the last page", nullable = true)
        String nextCursor) {

    public static ActivityPage of(ActivityService.Listing page) {
        return new ActivityPage(page.activities().stream().map(ActivityView::of).toList(),
                page.next() == null ? null : page.next().encode());
    }
}
