package io.leadstream.nurture.timeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.nurture.activities.ActivityCursor;
import io.leadstream.nurture.activities.ActivityRepository;
import io.leadstream.nurture.followups.FollowUpRepository;
import io.leadstream.nurture.history.HistoryEntry;
import io.leadstream.nurture.stages.StageChange;
import io.leadstream.nurture.stages.StageService;
import io.leadstream.nurture.timeline.TimelineRepository.Ref;
import io.leadstream.nurture.timeline.TimelineRepository.Source;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A lead's whole chain of records as it happened: its activities (the messages sent to it among them), its stage
 * changes, its follow-ups (when each was scheduled, with its outcome once done), and the assignments and scores nurture
 * learned from distribution's and scoring's events (a merged lead's records are the survivor's). Paged by
 * time with a cursor, newest or oldest first. Who may read it is who may see the lead's stage: a rep their own leads,
 * managers and admins all; anyone else gets the same 404 as for an unknown lead.
 */
@ApplicationScoped
public class Timeline {

    /** One page and where the next starts (null: this was the last). */
    public record Listing(List<TimelineEntry> entries, ActivityCursor next) {
    }

    private final TimelineRepository repository;
    private final ActivityRepository activities;
    private final StageService stages;

    private final FollowUpRepository followUps;

    public Timeline(TimelineRepository repository, ActivityRepository activities, StageService stages,
            FollowUpRepository followUps) {
        this.followUps = followUps;
        this.repository = repository;
        this.activities = activities;
        this.stages = stages;
    }

    public Uni<Listing> page(UUID leadId, Viewer viewer, boolean newestFirst, ActivityCursor after, int limit) {
        return Panache.withSession(() -> stages.find(leadId, viewer)
                .chain(() -> repository.page(leadId, newestFirst, after, limit + 1))
                .chain(refs -> {
                    List<Ref> shown = refs.size() > limit ? refs.subList(0, limit) : refs;
                    ActivityCursor next = refs.size() > limit
                            ? new ActivityCursor(shown.get(limit - 1).at(), shown.get(limit - 1).id()) : null;
                    return load(shown).map(entries -> new Listing(entries, next));
                }));
    }

    private Uni<List<TimelineEntry>> load(List<Ref> refs) {
        Map<UUID, TimelineEntry> byId = new HashMap<>();
        return activities.byIds(ids(refs, Source.ACTIVITY))
                .invoke(found -> found.forEach(a -> byId.put(a.id, TimelineEntry.of(a))))
                .chain(() -> StageChange.byIds(ids(refs, Source.STAGE_CHANGE)))
                .invoke(found -> found.forEach(c -> byId.put(c.id, TimelineEntry.of(c))))
                .chain(() -> HistoryEntry.byIds(ids(refs, Source.HISTORY)))
                .invoke(found -> found.forEach(h -> byId.put(h.id, TimelineEntry.of(h))))
                .chain(() -> followUps.byIds(ids(refs, Source.FOLLOW_UP)))
                .invoke(found -> found.forEach(f -> byId.put(f.id, TimelineEntry.of(f))))
                .map(ignored -> {
                    List<TimelineEntry> entries = new ArrayList<>(refs.size());
                    for (Ref ref : refs) {
                        TimelineEntry entry = byId.get(ref.id());
                        if (entry != null) { // deleted between the two reads (an erasure): left out
                            entries.add(entry);
                        }
                    }
                    return entries;
                });
    }

    private static List<UUID> ids(List<Ref> refs, Source source) {
        return refs.stream().filter(r -> r.source() == source).map(Ref::id).toList();
    }
}
