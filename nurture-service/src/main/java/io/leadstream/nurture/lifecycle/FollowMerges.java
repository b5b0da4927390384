package io.leadstream.nurture.lifecycle;

import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import io.leadstream.nurture.merges.MergedLeads;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * What the consumers do with an event about a lead that was merged away before the event was consumed (capture's
 * {@code lead.merged} travels under the survivor's key, so it may overtake the merged lead's own events): the two
 * answers, each decided per event type in the consumer's table and in the README's events table. The lookup itself is
 * {@link MergedLeads#resolve}, in the event's transaction.
 */
final class FollowMerges {

    private FollowMerges() {
    }

    /** The whole event is applied to the lead the event's lead lives on in (itself when it was not merged away). */
    static Uni<Void> onSurvivor(MergedLeads merges, UUID leadId, String event, Function<UUID, Uni<Void>> apply) {
        return merges.resolve(leadId).chain(lead -> {
            if (lead == null || lead.equals(leadId)) {
                return apply.apply(leadId);
            }
            Log.infof("%s for lead %s, which was merged into %s: applied to %s", event, leadId, lead, lead);
            return apply.apply(lead);
        });
    }

    /**
     * Only the event's timeline entry ({@code learn}) follows a merged-away lead to its survivor, as a merge folds the
     * merged lead's timeline into the survivor's; its other effects ({@code effects}: stage, owner, notices,
     * enrolments) apply to the event's own lead only, and are skipped for a merged-away one, for {@code why}.
     */
    static Uni<Void> timelineOnSurvivor(MergedLeads merges, UUID leadId, String event, String why,
            Function<UUID, Uni<Void>> learn, Supplier<Uni<Void>> effects) {
        return merges.resolve(leadId).chain(lead -> {
            if (lead == null || lead.equals(leadId)) {
                return effects.get().chain(() -> learn.apply(leadId));
            }
            Log.infof("%s for lead %s, which was merged into %s: only its timeline entry goes to %s, the rest is "
                    + "skipped (%s)", event, leadId, lead, lead, why);
            return learn.apply(lead);
        });
    }
}
