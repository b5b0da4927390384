package io.leadstream.nurture.merges;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.inbox.MalformedEventException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Which lead a lead id stands for now. capture announces a manual merge as {@code lead.merged} under the survivor's
 * key, so an event about the lead merged away (capture's inquiries and consent changes, distribution's assignments,
 * scoring's scores) may be consumed after the merge: the consumers in {@code lifecycle} ask {@link #resolve} first and
 * apply the event to the survivor, or skip what makes no sense there. {@link #record} runs in the merge's consumer
 * transaction, before the merged lead's rows are folded into the survivor. Imports no other feature.
 */
@ApplicationScoped
public class MergedLeads {

    /** A chain longer than this is a cycle (capture never merges a lead into one merged into it). */
    static final int MAX_HOPS = 32;

    private final MergedLeadRepository merges;
    private final Clock clock;

    public MergedLeads(MergedLeadRepository merges, Clock clock) {
        this.merges = merges;
        this.clock = clock;
    }

    /**
     * The lead {@code leadId} lives on in: itself unless it was merged away, else its survivor at the end of the chain
     * (A merged into B, B into C: C). Waits for a merge of it being written in another transaction, and holds such a
     * merge off until the caller's transaction ends, so that what the caller writes under the answer is never left
     * behind by a merge. {@code null} stays {@code null} (the handler refuses the event).
     */
    public Uni<UUID> resolve(UUID leadId) {
        return leadId == null ? Uni.createFrom().nullItem() : resolve(leadId, 0);
    }

    private Uni<UUID> resolve(UUID leadId, int hops) {
        if (hops > MAX_HOPS) {
            return Uni.createFrom().failure(new IllegalStateException("merged_lead has a cycle through " + leadId));
        }
        return merges.lockShared(leadId).chain(() -> merges.survivorOf(leadId))
                .chain(survivor -> survivor == null ? Uni.createFrom().item(leadId) : resolve(survivor, hops + 1));
    }

    /**
     * {@code merged} was merged into {@code survivor} (capture's MANUAL {@code lead.merged}): remembered, with every
     * lead merged into {@code merged} before now resolving to the survivor too. Answers the lead to fold {@code merged}
     * into — {@code survivor}, or where it lives on if it was merged away itself (the merge of B into C consumed before
     * that of A into B) — or {@code null} when there is nothing to fold (the survivor resolves to {@code merged}).
     */
    public Uni<UUID> record(UUID survivor, UUID merged, Instant mergedAt) {
        if (survivor == null || merged == null) {
            return Uni.createFrom().failure(new MalformedEventException("a manual lead.merged needs leadId and "
                    + "mergedLeadId"));
        }
        Instant at = (mergedAt == null ? clock.instant() : mergedAt).truncatedTo(ChronoUnit.MICROS);
        return resolve(survivor).chain(target -> {
            if (target.equals(merged)) {
                Log.warnf("lead %s merged into %s, which was merged into %s itself: nothing to fold", merged,
                        survivor, merged);
                return Uni.createFrom().nullItem();
            }
            return merges.lockExclusive(merged).chain(() -> merges.record(merged, target, at))
                    .invoke(followed -> Log.infof("lead %s merged into %s%s: its later events go there", merged,
                            target, target.equals(survivor) ? "" : " (where " + survivor + " lives on)"))
                    .replaceWith(target);
        });
    }
}
