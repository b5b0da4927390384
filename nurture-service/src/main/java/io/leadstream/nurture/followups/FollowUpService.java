package io.leadstream.nurture.followups;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.chassis.problem.Problem.FieldError;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.nurture.stages.LeadStage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Follow-ups: scheduled on a lead the caller may work (a rep on the leads they own, managers on every lead) for its
 * owner; listed per owner as due, overdue or done; completed once with an outcome note, announced as
 * follow-up.completed through the outbox in the same transaction. A rep sees only the follow-ups they own; another's
 * is a 404, as an unknown one. Also what an erasure (deleted) and a manual merge (moved to the survivor) do to them.
 */
@ApplicationScoped
public class FollowUpService {

    /** The longest note and outcome. */
    public static final int MAX_NOTE = 2000;
    /** The longest owner username. */
    public static final int MAX_OWNER = 255;
    /** What a Keycloak username may look like here. */
    static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._@+-]*$");

    /** One page of an owner's follow-ups, by due time; {@code next} is null on the last page. */
    public record Listing(String owner, FollowUpState state, List<FollowUp> followUps, FollowUpCursor next, Instant at) {
    }

    private final FollowUpRepository followUps;
    private final Outbox outbox;
    private final Clock clock;
    private final ZoneId defaultZone;

    public FollowUpService(FollowUpRepository followUps, Outbox outbox, Clock clock, FollowUpConfig config) {
        this.followUps = followUps;
        this.outbox = outbox;
        this.clock = clock;
        this.defaultZone = config.defaultTimeZone();
    }

    /**
     * Schedules {@code request} on the lead as {@code viewer}; {@code callerZone} (the token's zoneinfo, may be null) is
     * the zone of a local due time given without one, else {@code leadstream.nurture.default-time-zone}. Problems: 400
     * naming each bad field; 404 for a lead nurture does not know or the viewer may not work; 403 when a rep names
     * another owner.
     */
    public Uni<FollowUp> schedule(UUID leadId, Viewer viewer, ScheduleFollowUp request, ZoneId callerZone) {
        List<FieldError> errors = new ArrayList<>(DueTime.errors(request.dueAt(), request.timeZone()));
        String note = text(request.note(), "note", errors);
        String owner = request.owner() == null || request.owner().isBlank() ? null : request.owner().strip();
        if (owner != null && (owner.length() > MAX_OWNER || !USERNAME.matcher(owner).matches())) {
            errors.add(new FieldError("owner", "is not a username"));
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.badRequest("validation", "the follow-up is not valid",
                    errors));
        }
        DueTime.Due due = DueTime.of(request.dueAt(), request.timeZone(), callerZone != null ? callerZone : defaultZone);
        return Panache.withTransaction(() -> visibleLead(leadId, viewer).chain(lead -> {
            FollowUp f = new FollowUp();
            f.id = UUID.randomUUID();
            f.leadId = leadId;
            f.owner = ownerOf(lead, owner, viewer);
            f.dueAt = due.at();
            f.timeZone = due.zone().getId();
            f.note = note;
            f.createdBy = viewer.name();
            f.createdAt = now();
            return followUps.persist(f);
        })).invoke(f -> Log.infof("follow-up %s on lead %s for %s due %s (%s) by %s", f.id, f.leadId, f.owner, f.dueAt,
                f.timeZone, f.createdBy));
    }

    private static String ownerOf(LeadStage lead, String asked, Viewer viewer) {
        if (asked != null) {
            if (!viewer.seesAll() && !asked.equals(viewer.name())) {
                throw new ProblemException(403, "follow-up-owner-not-allowed", "Forbidden",
                        "only a manager may schedule a follow-up for another rep");
            }
            return asked;
        }
        if (lead.owner == null) {
            throw ProblemException.badRequest("validation", "the lead has no owner (it is shared with a partner "
                    + "company): name the rep who follows up", List.of(new FieldError("owner", "required while the lead "
                    + "has no owner")));
        }
        return lead.owner;
    }

    /** One follow-up the viewer may see (a rep their own); a 404 problem otherwise. */
    public Uni<FollowUp> get(UUID id, Viewer viewer) {
        return Panache.withSession(() -> followUps.findById(id)).map(f -> visible(f, id, viewer));
    }

    /**
     * A page of {@code owner}'s follow-ups in {@code state} at the clock's now, by due time. {@code owner} {@code me}
     * (or none) is the viewer; a rep may list only their own (403 problem otherwise).
     */
    public Uni<Listing> list(String owner, Viewer viewer, FollowUpState state, FollowUpCursor after, int limit) {
        String whose = owner == null || owner.isBlank() || "me".equals(owner.strip()) ? viewer.name() : owner.strip();
        if (!viewer.seesAll() && !whose.equals(viewer.name())) {
            return Uni.createFrom().failure(new ProblemException(403, "follow-up-list-not-allowed", "Forbidden",
                    "a sales rep lists only their own follow-ups (owner=me)"));
        }
        Instant now = now();
        return Panache.withSession(() -> followUps.page(whose, state, now, after, limit + 1))
                .map(rows -> rows.size() <= limit ? new Listing(whose, state, rows, null, now)
                        : new Listing(whose, state, rows.subList(0, limit),
                                new FollowUpCursor(rows.get(limit - 1).dueAt, rows.get(limit - 1).id), now));
    }

    /**
     * Completes the follow-up with {@code outcome} (required): once; a second completion is a 409 problem. Records
     * follow-up.completed (no note, no outcome) in the same transaction.
     */
    public Uni<FollowUp> complete(UUID id, Viewer viewer, String outcome) {
        List<FieldError> errors = new ArrayList<>();
        String text = text(outcome, "outcome", errors);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.badRequest("validation", "the outcome is not valid",
                    errors));
        }
        return Panache.withTransaction(() -> followUps.locked(id).map(f -> visible(f, id, viewer)).chain(f -> {
            if (f.completedAt != null) {
                throw ProblemException.conflict("follow-up-completed", "this follow-up was completed at "
                        + f.completedAt + " by " + f.completedBy);
            }
            f.completedAt = now();
            f.completedBy = viewer.name();
            f.outcome = text;
            return followUps.persist(f)
                    .call(saved -> outbox.record(saved.leadId, FollowUpCompleted.of(saved)));
        })).invoke(f -> Log.infof("follow-up %s on lead %s completed by %s", f.id, f.leadId, f.completedBy));
    }

    /** The lead was erased: its follow-ups go, with their notes and outcomes (runs in the consumer's transaction). */
    public Uni<Void> erased(UUID leadId) {
        return followUps.deleteOfLead(leadId)
                .invoke(n -> Log.infof("lead %s erased: %d follow-ups deleted", leadId, n)).replaceWithVoid();
    }

    /**
     * The lead was reassigned from {@code previous} to {@code owner}: the open follow-ups {@code previous} owned on it
     * are the new owner's (a follow-up a manager gave someone else stays theirs). Runs in the consumer's transaction.
     */
    public Uni<Void> reassigned(UUID leadId, String previous, String owner) {
        if (leadId == null || previous == null || owner == null || previous.equals(owner)) {
            return Uni.createFrom().voidItem();
        }
        return followUps.handOver(leadId, previous, owner)
                .invoke(n -> {
                    if (n > 0) {
                        Log.infof("lead %s reassigned from %s to %s: %d open follow-ups handed over", leadId,
                                previous, owner, n);
                    }
                }).replaceWithVoid();
    }

    /** {@code merged} was merged into {@code survivor} by a manager: its follow-ups move (consumer's transaction). */
    public Uni<Void> merged(UUID merged, UUID survivor) {
        return followUps.move(merged, survivor)
                .invoke(n -> Log.infof("lead %s merged into %s: %d follow-ups moved", merged, survivor, n))
                .replaceWithVoid();
    }

    private static String text(String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "required"));
            return null;
        }
        if (value.length() > MAX_NOTE) {
            errors.add(new FieldError(field, "at most " + MAX_NOTE + " characters"));
            return null;
        }
        return value.strip();
    }

    /** A rep sees the follow-ups they own, managers and admins all; an unknown or another rep's is a 404. */
    private static FollowUp visible(FollowUp f, UUID id, Viewer viewer) {
        if (f == null || !viewer.sees(f.owner)) {
            throw ProblemException.notFound("follow-up", id);
        }
        return f;
    }

    /** The lead as nurture knows it and the viewer may work it (a rep only their own); a 404 problem otherwise. */
    private static Uni<LeadStage> visibleLead(UUID leadId, Viewer viewer) {
        return LeadStage.<LeadStage>findById(leadId)
                .map(lead -> lead != null && viewer.sees(lead.owner) ? lead : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("lead", leadId));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
