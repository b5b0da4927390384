package io.leadstream.nurture.timeline.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.timeline.Timeline;

/** One page of a lead's timeline, in the order asked for. */
@Schema(name = "TimelinePage")
public record TimelinePage(List<TimelineEntryView> items,
        @Schema(description = "pass as cursor (with the same order) to get the next page; null on the last page",
                nullable = true)
        String nextCursor) {

    static TimelinePage of(Timeline.Listing page) {
        return new TimelinePage(page.entries().stream().map(TimelineEntryView::of).toList(),
                page.next() == null ? null : page.next().encode());
    }
}
