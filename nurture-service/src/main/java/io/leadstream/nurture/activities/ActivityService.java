package io.leadstream.nurture.activities;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.chassis.inbox.MalformedEventException;
import io.leadstream.chassis.outbox.Outbox;
import io.leadstream.chassis.problem.ProblemException;
import io.leadstream.nurture.stages.LeadStage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Activities on a lead: logged by reps and integrations (record-level access: a rep only on the leads they own), or
 * from capture's inquiries; each announced as activity.logged through the outbox in the same transaction. Also what
 * an erasure (the lead's activities deleted) and a manual merge (moved to the survivor) do to them.
 */
@ApplicationScoped
public class ActivityService {

    /** Who logs activities from capture's inquiries. */
    public static final String INQUIRY_LOGGER = "capture-service";

    /** An activity and whether it was logged by an earlier request with the same Idempotency-Key. */
    public record Logged(Activity activity, boolean replayed) {
    }

    /** One page of a lead's activities, newest first; {@code next} is null on the last page. */
    public record Listing(List<Activity> activities, ActivityCursor next) {
    }

    private final ActivityRepository activities;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final Clock clock;

    private final Instance<ActivityListener> listeners;

    public ActivityService(ActivityRepository activities, Outbox outbox, ObjectMapper mapper, Clock clock,
            @Any Instance<ActivityListener> listeners) {
        this.listeners = listeners;
        this.activities = activities;
        this.outbox = outbox;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * Logs {@code request} on the lead as {@code viewer} ({@code source}: REP or INTEGRATION) and records
     * activity.logged in the same transaction. With a key: once per key; the same request again answers the first
     * activity (replayed), another request under the key is a 409 problem.
     */
    public Uni<Logged> log(UUID leadId, Viewer viewer, ActivitySource source, LogActivity request,
            IdempotencyKey key) {
        ActivityRules.Checked checked = ActivityRules.check(request, clock.instant());
        String hash = key == null ? null : IdempotencyKey.fingerprint(mapper, leadId, request);
        return Panache.withTransaction(() -> visibleLead(leadId, viewer)
                .chain(() -> key == null ? Uni.createFrom().nullItem()
                        : activities.byIdempotencyKey(key.scope(), key.value()))
                .chain(earlier -> earlier != null ? Uni.createFrom().item(replay(earlier, hash))
                        : insert(leadId, viewer.name(), source, checked, key, hash)))
                // a concurrent request with the same key won the unique index: answer as it did
                .onFailure(e -> IdempotencyKey.isRace(e, "activity_idempotency")).recoverWithUni(() -> Panache.withSession(
                        () -> activities.byIdempotencyKey(key.scope(), key.value())).map(earlier -> replay(earlier, hash)));
    }

    private Uni<Logged> insert(UUID leadId, String loggedBy, ActivitySource source, ActivityRules.Checked c,
            IdempotencyKey key, String hash) {
        Activity a = new Activity();
        a.id = UUID.randomUUID();
        a.leadId = leadId;
        a.kind = c.kind();
        a.direction = c.direction();
        a.durationSeconds = c.durationSeconds();
        a.outcome = c.outcome();
        a.subject = c.subject();
        a.text = c.text();
        if (c.document() != null) {
            a.documentFileName = c.document().fileName();
            a.documentMediaType = c.document().mediaType();
            a.documentSizeBytes = c.document().sizeBytes();
            a.documentSha256 = c.document().sha256();
        }
        a.replyToMessageId = c.replyToMessageId();
        a.source = source;
        a.loggedBy = loggedBy;
        a.occurredAt = c.occurredAt();
        if (key != null) {
            a.idempotencyScope = key.scope();
            a.idempotencyKey = key.value();
            a.requestHash = hash;
        }
        return record(a).map(saved -> new Logged(saved, false));
    }

    private Uni<Activity> record(Activity a) {
        a.loggedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return activities.persist(a)
                .chain(saved -> outbox.record(saved.leadId, ActivityLogged.of(saved)).replaceWith(saved))
                .call(saved -> Multi.createFrom().iterable(listeners)
                        .onItem().transformToUniAndConcatenate(listener -> listener.recorded(saved))
                        .collect().last())
                .invoke(saved -> Log.infof("activity %s (%s, %s) logged on lead %s by %s", saved.id, saved.kind,
                        saved.source, saved.leadId, saved.loggedBy));
    }

    /**
     * A message nurture sent is an activity on the lead's timeline (source MESSAGE, outbound, with the message's id,
     * subject and text), in the caller's transaction; message.sent announces it, so no activity.logged is published.
     */
    public Uni<Activity> sent(UUID leadId, ActivityKind kind, UUID messageId, String subject, String text,
            String sentBy, Instant sentAt) {
        Activity a = new Activity();
        a.id = UUID.randomUUID();
        a.leadId = leadId;
        a.kind = kind;
        a.direction = Direction.OUTBOUND;
        a.subject = subject;
        a.text = text;
        a.messageId = messageId;
        a.source = ActivitySource.MESSAGE;
        a.loggedBy = sentBy;
        a.occurredAt = sentAt;
        a.loggedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return activities.persist(a);
    }

    private static Logged replay(Activity earlier, String hash) {
        if (earlier == null || !earlier.requestHash.equals(hash)) {
            // 422 as for every Idempotency-Key in the suite (api.md): the request is well-formed but cannot be processed
            throw IdempotencyKey.reused("a new request");
        }
        return new Logged(earlier, true);
    }

    /** A page of the lead's activities, newest first (same record-level access as logging). */
    public Uni<Listing> list(UUID leadId, Viewer viewer, ActivityCursor after, int limit) {
        return Panache.withSession(() -> visibleLead(leadId, viewer)
                .chain(() -> activities.page(leadId, after, limit + 1))
                .map(rows -> rows.size() <= limit ? new Listing(rows, null) : new Listing(rows.subList(0, limit),
                        new ActivityCursor(rows.get(limit - 1).occurredAt, rows.get(limit - 1).id))));
    }

    /** One activity of the lead (same record-level access); a 404 problem when the lead has no such activity. */
    public Uni<Activity> get(UUID leadId, UUID activityId, Viewer viewer) {
        return Panache.withSession(() -> visibleLead(leadId, viewer)
                .chain(() -> activities.findById(activityId))
                .map(a -> a != null && a.leadId.equals(leadId) ? a : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("activity", activityId)));
    }

    /**
     * The lead as nurture knows it (it has been assigned) and {@code viewer} may work it: a rep only their own leads.
     * A 404 problem otherwise, the same whether the lead is unknown or another rep's.
     */
    private static Uni<LeadStage> visibleLead(UUID leadId, Viewer viewer) {
        return LeadStage.<LeadStage>findById(leadId)
                .map(lead -> lead != null && viewer.sees(lead.owner) ? lead : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("lead", leadId));
    }

    /**
     * capture's inquiry becomes an activity, once per inquiryId (runs in the consumer's transaction): an inbound call
     * a CALL, a WhatsApp message a WHATSAPP, an email an inbound EMAIL (answering the message of ours it names), a
     * Google Ads lead form (or a channel added later) a NOTE, all with source INQUIRY. Nothing personal is carried, so
     * nothing personal is stored.
     */
    public Uni<Void> inquired(LeadInquiredEvent e) {
        if (e.leadId() == null || e.inquiryId() == null) {
            return Uni.createFrom().failure(new MalformedEventException("lead.inquired without leadId or inquiryId"));
        }
        return activities.hasInquiry(e.inquiryId()).chain(known -> {
            if (known) {
                return Uni.createFrom().voidItem();
            }
            Activity a = new Activity();
            a.id = UUID.randomUUID();
            a.leadId = e.leadId();
            a.inquiryId = e.inquiryId();
            a.source = ActivitySource.INQUIRY;
            a.loggedBy = INQUIRY_LOGGER;
            a.occurredAt = (e.receivedAt() == null ? clock.instant() : e.receivedAt()).truncatedTo(ChronoUnit.MICROS);
            switch (e.channel() == null ? "" : e.channel()) {
                case "call" -> {
                    a.kind = ActivityKind.CALL;
                    a.direction = "outbound".equalsIgnoreCase(e.direction()) ? Direction.OUTBOUND : Direction.INBOUND;
                    a.durationSeconds = e.durationSeconds() == null || e.durationSeconds() < 0 ? null
                            : e.durationSeconds();
                    a.outcome = e.outcome() == null ? null : e.outcome().toLowerCase(Locale.ROOT);
                }
                case "whatsapp" -> {
                    a.kind = ActivityKind.WHATSAPP;
                    a.direction = Direction.INBOUND;
                }
                case "email" -> {
                    a.kind = ActivityKind.EMAIL;
                    a.direction = Direction.INBOUND;
                    a.replyToMessageId = e.replyToMessageId();
                }
                default -> a.kind = ActivityKind.NOTE; // google-ads' lead form, or a channel capture adds later
            }
            return record(a).replaceWithVoid();
        });
    }

    /** The lead was erased: its activities go, and with them every text, subject and file name nurture kept. */
    public Uni<Void> erased(LeadErasedEvent e) {
        if (e.leadId() == null) {
            return Uni.createFrom().failure(new MalformedEventException("lead.erased without leadId"));
        }
        return activities.deleteOfLead(e.leadId())
                .invoke(n -> Log.infof("lead %s erased: %d activities deleted", e.leadId(), n))
                .replaceWithVoid();
    }

    /** A manager merged one lead into another: its activities move to the survivor. A SUBMISSION merge moves none. */
    public Uni<Void> merged(LeadMergedEvent e) {
        if (e.leadId() == null) {
            return Uni.createFrom().failure(new MalformedEventException("lead.merged without leadId"));
        }
        if (!"MANUAL".equals(e.kind()) || e.mergedLeadId() == null) {
            return Uni.createFrom().voidItem();
        }
        return activities.move(e.mergedLeadId(), e.leadId())
                .invoke(n -> Log.infof("lead %s merged into %s: %d activities moved", e.mergedLeadId(), e.leadId(), n))
                .replaceWithVoid();
    }
}
