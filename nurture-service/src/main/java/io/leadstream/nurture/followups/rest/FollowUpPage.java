package io.leadstream.nurture.followups.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.leadstream.nurture.followups.FollowUpService;
import io.leadstream.nurture.followups.FollowUpState;

/** One page of an owner's follow-ups in one state, by due time. */
@Schema(name = "FollowUpPage")
public record FollowUpPage(@Schema(description = "whose follow-ups") String owner, FollowUpState state,
        List<FollowUpView> items,
        @Schema(description = "pass as cursor to get the next page; null on the last page", nullable = true)
        String nextCursor) {

    public static FollowUpPage of(FollowUpService.Listing page) {
        return new FollowUpPage(page.owner(), page.state(),
                page.followUps().stream().map(f -> FollowUpView.of(f, page.at())).toList(),
                page.next() == null ? null : page.next().encode());
    }
}
